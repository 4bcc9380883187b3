"""End to end: what the harness measures for a real script, run in a real subprocess."""

from __future__ import annotations

import gc
import json
import os
import platform
import shutil
import subprocess
import sys
import tracemalloc
import types
import unittest

from allocdiff_harness import capture
from tests.support import HARNESS_PARENT, HarnessTestCase

MACHINERY_NAMES = (
    "<stdlib>/tracemalloc.py",
    "<stdlib>/runpy.py",
    "<stdlib>/linecache.py",
    "<frozen runpy>",
    "<frozen importlib._bootstrap>",
    "<frozen importlib._bootstrap_external>",
    "<frozen zipimport>",
    "<unknown>",
)


class SeedScriptTest(HarnessTestCase):
    def test_a_list_kept_at_module_level_is_a_retained_site(self):
        root = self.make_project({"seed.py": "x = [1, 2, 3, 4, 5, 6]\n"})
        run = self.run_harness(root, "seed.py")
        self.assertSnapshotOk(run)

        scenario = run.scenario
        self.assertEqual(scenario["name"], "seed.py")
        self.assertEqual(scenario["kind"], "script")
        self.assertNotIn("error", scenario)
        [site] = run.sites_in("seed.py")
        self.assertEqual(site["line"], 1)
        self.assertGreater(site["size"], 0)
        self.assertGreaterEqual(site["count"], 1)
        self.assertEqual(site["text"], "x = [1, 2, 3, 4, 5, 6]")
        self.assertEqual(site["function"], "<module>")

    def test_totals_are_the_sums_of_the_sites(self):
        root = self.make_project(
            {"bench.py": "a = [object() for _ in range(100)]\nb = {'k': 'v' * 1000}\n"}
        )
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        self.assertEqual(run.scenario["retainedBytes"], sum(s["size"] for s in run.sites))
        self.assertEqual(run.scenario["retainedCount"], sum(s["count"] for s in run.sites))
        self.assertGreater(run.scenario["retainedBytes"], 1000)
        self.assertGreaterEqual(run.scenario["durationSeconds"], 0)

    def test_sites_are_sorted_by_size_then_file_then_line(self):
        root = self.make_project(
            {
                "bench.py": """\
                small = bytearray(10)
                big = bytearray(50_000)
                middle = bytearray(20_000)
                less = bytearray(10_000)
                """
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        keys = [(-s["size"], s["file"], s["line"]) for s in run.sites]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual([s["line"] for s in run.sites_in("bench.py")], [2, 3, 4, 1])


class ProjectModuleTest(HarnessTestCase):
    FILES = {
        "app/__init__.py": "",
        "app/cache.py": """\
            _store = []


            class LRU:
                def put(self, key, value):
                    _store.append(bytearray(100_000))
            """,
        "membench.py": """\
            from app.cache import LRU

            LRU().put("k", 1)
            """,
    }

    def test_a_method_in_an_imported_module_is_named_and_sized(self):
        root = self.make_project(self.FILES)
        run = self.run_harness(root, "membench.py")
        self.assertSnapshotOk(run)

        [site] = [s for s in run.sites_in("app/cache.py") if s["line"] == 6]
        self.assertEqual(site["function"], "LRU.put")
        self.assertEqual(site["text"], "_store.append(bytearray(100_000))")
        self.assertAlmostEqual(site["size"], 100_000, delta=300)
        # Lines at the module's top level run in <module>.
        functions = {s["line"]: s.get("function") for s in run.sites_in("app/cache.py")}
        self.assertEqual(functions.get(1), "<module>")

    def test_no_site_is_in_the_harness_or_the_import_machinery(self):
        files = dict(self.FILES)
        files["membench.py"] = """\
            import json, collections, decimal
            from app.cache import LRU

            LRU().put("k", json.dumps({"a": [1, 2, 3]}))
            """
        root = self.make_project(files)
        run = self.run_harness(root, "membench.py", frames=5)
        self.assertSnapshotOk(run)
        # The imports above really did allocate, so an unfiltered list would show them.
        self.assertTrue(any(s["file"].startswith("<stdlib>/") for s in run.sites), run.describe())
        for site in run.sites:
            self.assertNotIn(site["file"], MACHINERY_NAMES)
            self.assertNotIn("allocdiff_harness", site["file"])
            self.assertFalse(os.path.isabs(site["file"]), site)


class PeakTest(HarnessTestCase):
    def test_a_freed_allocation_counts_in_the_peak_but_is_not_retained(self):
        root = self.make_project({"bench.py": "buffer = bytearray(5_000_000)\ndel buffer\n"})
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        peak = run.scenario["peakBytes"]
        self.assertGreaterEqual(peak, 5_000_000)
        self.assertLess(peak, 5_000_000 + 500_000)
        self.assertLess(run.scenario["retainedBytes"], 10_000)

    def test_an_empty_script_has_a_small_peak_and_no_sites(self):
        root = self.make_project({"empty.py": ""})
        run = self.run_harness(root, "empty.py")
        self.assertSnapshotOk(run)
        self.assertGreaterEqual(run.scenario["peakBytes"], 0)
        self.assertLess(run.scenario["peakBytes"], 200_000)
        self.assertEqual(run.sites, [])
        self.assertEqual(run.scenario["retainedBytes"], 0)

    def test_two_runs_give_identical_sites_and_peak(self):
        root = self.make_project(
            {
                "bench.py": """\
                class Item:
                    def __init__(self, i):
                        self.id = i
                        self.name = "item%d" % i
                        self.tags = ["a", "b", str(i)]

                items = [Item(i) for i in range(500)]
                index = {item.name: item for item in items}
                text = ",".join(sorted(index))
                words = set(text.split(","))
                del items[::2]
                """
            }
        )
        first = self.run_harness(root, "bench.py")
        second = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(first)
        self.assertSnapshotOk(second)
        self.assertEqual(first.sites, second.sites)
        self.assertEqual(first.scenario["peakBytes"], second.scenario["peakBytes"])
        self.assertEqual(first.scenario["retainedBytes"], second.scenario["retainedBytes"])
        self.assertGreaterEqual(len(first.sites_in("bench.py")), 4)


class ImportDeterminismTest(HarnessTestCase):
    """Imports make C code look attributes up by freshly made name strings, which CPython's
    type attribute cache keeps alive or not depending on memory addresses (ASLR)."""

    FILES = {
        "bench.py": """\
            import json, re
            data = [{"id": i, "name": "item%d" % i, "tags": ["a", "b"]} for i in range(500)]
            text = json.dumps(data)
            parsed = json.loads(text)
            words = re.findall(r"item\\d+", text)
            index = {w: len(w) for w in words}
            """
    }

    def test_sites_are_identical_and_the_peak_nearly_so(self):
        root = self.make_project(self.FILES)
        runs = [self.run_harness(root, "bench.py") for _ in range(3)]
        for run in runs:
            self.assertSnapshotOk(run)
            self.assertEqual(run.sites, runs[0].sites)
            self.assertEqual(run.scenario["retainedBytes"], runs[0].scenario["retainedBytes"])
            # The cache is cleared before the after snapshot, but at the peak it is what it is.
            self.assertAlmostEqual(
                run.scenario["peakBytes"], runs[0].scenario["peakBytes"], delta=1000
            )
        self.assertTrue(any(s["file"] == "<stdlib>/json/decoder.py" for s in runs[0].sites))

    @unittest.skipUnless(shutil.which("setarch"), "needs setarch (util-linux)")
    def test_without_address_randomisation_the_peak_is_exact_too(self):
        root = self.make_project(self.FILES)
        probe = subprocess.run(
            ["setarch", platform.machine(), "-R", sys.executable, "-c", "pass"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        if probe.returncode != 0:
            self.skipTest("setarch -R not permitted here: %r" % probe.stderr)
        env = {"PYTHONHASHSEED": "0"}
        no_aslr = ["setarch", platform.machine(), "-R"]
        runs = [self.run_harness(root, "bench.py", env=env, wrapper=no_aslr) for _ in range(3)]
        for run in runs:
            self.assertSnapshotOk(run)
            self.assertEqual(run.sites, runs[0].sites)
            self.assertEqual(run.scenario["peakBytes"], runs[0].scenario["peakBytes"])


class PathsTest(HarnessTestCase):
    def test_a_script_run_by_relative_path_from_the_root_is_repo_relative(self):
        root = self.make_project({"bench/mem.py": "kept = ['x' * 100 for _ in range(10)]\n"})
        run = self.run_harness(root, "bench/mem.py", cwd=root)
        self.assertSnapshotOk(run)
        self.assertEqual(run.scenario["name"], "bench/mem.py")
        self.assertTrue(run.sites_in("bench/mem.py"), run.describe())

    def test_an_absolute_script_from_another_cwd_is_repo_relative(self):
        root = self.make_project({"bench/mem.py": "kept = ['x' * 100 for _ in range(10)]\n"})
        script = os.path.join(root, "bench", "mem.py")
        run = self.run_harness(root, script, cwd=self.make_temp_dir())
        self.assertSnapshotOk(run)
        self.assertEqual(run.scenario["name"], "bench/mem.py")
        self.assertTrue(run.sites_in("bench/mem.py"), run.describe())

    def test_relative_code_filenames_are_relative_to_the_starting_cwd(self):
        # Code compiled with a relative file name, then the script changes directory:
        # the site must still be found (and its text read) relative to where we started.
        root = self.make_project(
            {
                "lib/gen.py": "generated = [str(i) * 20 for i in range(50)]\n",
                "bench.py": """\
                    import os, tempfile
                    with open("lib/gen.py") as f:
                        exec(compile(f.read(), "lib/gen.py", "exec"))
                    os.chdir(tempfile.gettempdir())
                    """,
            }
        )
        run = self.run_harness(root, "bench.py", cwd=root)
        self.assertSnapshotOk(run)
        [site] = run.sites_in("lib/gen.py")
        self.assertEqual(site["text"], "generated = [str(i) * 20 for i in range(50)]")
        self.assertEqual(site["function"], "<module>")


class ScriptEnvironmentTest(HarnessTestCase):
    def test_the_script_runs_as_main_with_its_directory_on_sys_path(self):
        root = self.make_project(
            {
                "bench/helper.py": "VALUE = 42\n",
                "bench/mem.py": """\
                    import json, os, sys
                    import helper  # from the script's own directory, as with python3 bench/mem.py
                    report = {
                        "name": __name__,
                        "argv": sys.argv,
                        "path0": sys.path[0],
                        "harness_on_path": any(
                            os.path.isdir(os.path.join(p, "allocdiff_harness")) for p in sys.path
                        ),
                        "pythonpath": os.environ.get("PYTHONPATH", ""),
                        "helper": helper.VALUE,
                    }
                    print(json.dumps(report))
                    """,
            }
        )
        run = self.run_harness(root, "bench/mem.py")
        self.assertSnapshotOk(run)
        report = json.loads(run.stdout.decode())
        self.assertEqual(report["name"], "__main__")
        self.assertEqual(len(report["argv"]), 1)
        self.assertTrue(os.path.samefile(report["argv"][0], os.path.join(root, "bench/mem.py")))
        self.assertEqual(report["path0"], os.path.join(root, "bench"))
        self.assertFalse(report["harness_on_path"])
        # Only sys.path loses the harness entry; the variable is inherited unchanged.
        self.assertIn(HARNESS_PARENT, report["pythonpath"].split(os.pathsep))
        self.assertEqual(report["helper"], 42)

    def test_project_modules_named_like_the_standard_library_do_not_break_the_harness(self):
        # The harness imports json, platform, ast... after the run; the project's must not win.
        shadow = "raise ImportError('the project module was imported by the harness')\n"
        root = self.make_project(
            {"bench.py": "x = [1]\n", "platform.py": shadow, "ast.py": shadow, "json.py": shadow}
        )
        run = self.run_harness(root, "bench.py", cwd=root)
        self.assertSnapshotOk(run)

    def test_a_relative_pythonpath_survives_a_chdir_in_the_script(self):
        root = self.make_project(
            {"bench.py": "import os, tempfile\nos.chdir(tempfile.gettempdir())\n"}
        )
        run = self.run_harness(root, "bench.py", cwd=root,
                               env={"PYTHONPATH": os.path.relpath(HARNESS_PARENT, root)})
        self.assertSnapshotOk(run)
        self.assertEqual(run.scenario["name"], "bench.py")

    @unittest.skipUnless(sys.version_info >= (3, 11), "PYTHONSAFEPATH is new in 3.11")
    def test_safe_path_adds_no_script_directory(self):
        root = self.make_project(
            {"bench/mem.py": "import json, sys\nprint(json.dumps(sys.path))\n"}
        )
        run = self.run_harness(root, "bench/mem.py", env={"PYTHONSAFEPATH": "1"})
        self.assertSnapshotOk(run)
        path = json.loads(run.stdout.decode())
        self.assertNotIn(os.path.join(root, "bench"), path)
        self.assertNotIn(HARNESS_PARENT, path)
        # The checkout's root is there all the same (after the standard library): each side
        # imports its own code (see test_checkout.py).
        self.assertLess(path.index(os.path.dirname(os.__file__)), path.index(root))

    def test_the_scripts_output_passes_through_and_the_harness_prints_nothing(self):
        root = self.make_project(
            {"bench.py": "import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)\n"}
        )
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        self.assertEqual(run.stdout, b"to stdout\n")
        self.assertEqual(run.stderr, b"to stderr\n")

    def test_tracemalloc_calls_in_the_script_do_not_break_the_measurement(self):
        # The seed note's own code: start(10) while tracing keeps the harness's frame limit.
        root = self.make_project(
            {
                "bench.py": """\
                    import tracemalloc
                    tracemalloc.start(10)
                    time1 = tracemalloc.take_snapshot()
                    x = [1, 2, 3, 4, 5, 6]
                    time2 = tracemalloc.take_snapshot()
                    stats = time2.compare_to(time1, 'lineno')
                    """
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        self.assertEqual([s["line"] for s in run.sites_in("bench.py") if s["line"] == 4], [4])
        self.assertEqual(run.snapshot["unmeasured"], [])

    def test_a_script_that_stops_tracemalloc_is_reported_as_unmeasured(self):
        root = self.make_project({"bench.py": "import tracemalloc\ntracemalloc.stop()\n"})
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        # Failed, not measured as nothing: the comparison would read it as all memory freed.
        self.assertEqual(run.scenario["status"], "failed", run.describe())
        self.assertEqual(run.scenario["error"]["type"], "TracingStopped")
        self.assertIn("bench.py stopped tracemalloc", run.scenario["error"]["message"])
        self.assertEqual(run.sites, [])
        self.assertEqual(len(run.snapshot["unmeasured"]), 1, run.describe())
        self.assertIn("stopped tracemalloc", run.snapshot["unmeasured"][0]["why"])

    def test_a_script_that_clears_the_traces_is_failed_not_measured_as_nothing(self):
        root = self.make_project(
            {
                "bench.py": """\
                    import tracemalloc
                    KEEP = [bytearray(1000) for _ in range(100)]
                    tracemalloc.clear_traces()
                    """
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(run.scenario["status"], "failed", run.describe())
        self.assertEqual(run.scenario["error"]["type"], "TracingStopped")
        self.assertIn(
            "bench.py cleared tracemalloc's traces (clear_traces(), or stop() then start())",
            run.scenario["error"]["message"],
        )
        self.assertEqual(run.scenario["retainedBytes"], 0)

    def test_tracing_already_on_is_restarted_with_the_requested_frames(self):
        root = self.make_project(
            {"bench.py": "import tracemalloc\nprint(tracemalloc.get_traceback_limit())\n"}
        )
        run = self.run_harness(root, "bench.py", frames=3, env={"PYTHONTRACEMALLOC": "7"})
        self.assertSnapshotOk(run)
        self.assertEqual(run.stdout.strip(), b"3")
        self.assertEqual(run.snapshot["frames"], 3)
        [entry] = run.snapshot["unmeasured"]
        self.assertIn("already tracing", entry["why"])


if __name__ == "__main__":
    unittest.main()


class GroupingTest(unittest.TestCase):
    def test_live_blocks_are_summed_by_line_as_tracemalloc_groups_them(self):
        for frames in (1, 5):
            with self.subTest(frames=frames):
                tracemalloc.start(frames)
                try:
                    held = [bytearray(100 + i) for i in range(200)]
                    held.append({str(i): [i] for i in range(300)})
                    # Blocks alike (one size, one line): counted together, then summed.
                    held.extend([bytearray(64) for _ in range(50)])
                    snapshot = tracemalloc.take_snapshot()
                finally:
                    tracemalloc.stop()
                expected = {
                    (stat.traceback[0].filename, stat.traceback[0].lineno): [stat.size, stat.count]
                    for stat in snapshot.statistics("lineno")
                }
                self.assertEqual(capture._by_line(snapshot), expected)
                # Without tracemalloc's internal tuples (the public Trace objects), the same.
                public = types.SimpleNamespace(
                    traces=list(snapshot.traces), traceback_limit=frames
                )
                self.assertEqual(capture._by_line(public), expected)
                del held

    def test_no_automatic_collection_while_the_snapshots_are_alive(self):
        # The after snapshot holds a tracked tuple per live block: with the collector on,
        # making and grouping it would set off hundreds of collections that find nothing.
        events = []

        def record(phase, info):
            if phase == "start":
                events.append(info["generation"])

        def action():
            held = [(i, str(i)) for i in range(100_000)]
            events.append("called")
            return held

        gc.callbacks.append(record)
        try:
            result = capture.measure(action, 1)
        finally:
            gc.callbacks.remove(record)
        self.assertTrue(gc.isenabled())
        after_call = events[events.index("called") + 1:]
        # Only the full collection made on purpose before the after snapshot.
        self.assertEqual(after_call, [2])
        # What was measured is there all the same: the list's tuples, strings and numbers.
        self.assertGreaterEqual(max(count for _, count in result.sites.values()), 200_000)
