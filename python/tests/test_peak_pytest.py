"""Sites at the peak of a pytest test: those of the call whose peak the report shows."""

from __future__ import annotations

import os
import unittest

from tests.test_command import PYTHON, CommandTestCase, pytest_available

# A hooked run's peak may exceed the plain one by the hooks' own bookkeeping (as in
# test_peak_sites.py and src/report/details.ts).
SAME_PEAK_SHARE = 0.02
SAME_PEAK_BYTES = 256 * 1024
# What the deep pass notes when the sites come from a later call than the first (command.py).
PEAK_OF_FIRST_CALL = "sites at the peak of the test's first call"

FILES = {
    "app/__init__.py": "",
    # Built on first use: a large temporary, of which a small summary is kept. The first call's
    # peak is that temporary; later calls find the table filled and peak far lower.
    "app/table.py": """\
        TABLE = {}


        def lookup(key):
            if not TABLE:
                rows = [str(i) * 8 for i in range(100_000)]
                TABLE.update((i, len(row)) for i, row in enumerate(rows[:100]))
            return TABLE.get(key)
        """,
    "tests/test_table.py": """\
        from app.table import lookup


        def test_lookup():
            assert lookup(3) == 8
            kept = [0] * 1000
            assert len(kept) == 1000


        def test_compile():
            source = "numbers = [" + ",".join(str(i) for i in range(50_000)) + "]\\n"
            assert compile(source, "generated", "exec") is not None


        def test_fails():
            rows = [str(i) for i in range(1000)]
            assert not rows
        """,
}

# A thread alive while the tests run: no copy of the process is forked then.
THREADED = {
    "tests/conftest.py": """\
        import threading

        import pytest


        @pytest.fixture(autouse=True, scope="session")
        def background():
            stop = threading.Event()
            worker = threading.Thread(target=stop.wait, daemon=True)
            worker.start()
            yield
            stop.set()
            worker.join()
        """,
}

# Tests that note how each call of their body is made, in the file $CALLS: "throughout" when the
# peak hooks are on from its start, "-" when not (a measured call, or a hooked one with the hooks
# on near the peak only, off at the start).
NOTED = {
    "tests/conftest.py": """\
        import os
        import sys


        def note(name):
            with open(os.environ["CALLS"], "a") as file:
                file.write("%s %s\\n" % (name, "throughout" if sys.getprofile() else "-"))
        """,
    "tests/test_noted.py": """\
        import time

        from conftest import note


        def test_grows():
            note("grows")
            time.sleep(0.15)
            rows = []
            for i in range(300_000):
                rows.append(str(i) * 4)
            assert len(rows) == 300_000


        def test_instant():
            note("instant")
            time.sleep(0.15)
            assert len(bytes(20_000_000)) == 20_000_000


        def test_short():
            note("short")
            rows = [str(i) for i in range(1000)]
            assert len(rows) == 1000
        """,
}
# A profiler of the program's own: its signal handler, set before any test runs.
PROFILED = {
    "tests/conftest.py": NOTED["tests/conftest.py"] + """\


        import signal

        signal.signal(signal.SIGPROF, lambda signum, frame: None)
        """,
}

LOOKUP = "tests/test_table.py::test_lookup"
COMPILE = "tests/test_table.py::test_compile"
FAILS = "tests/test_table.py::test_fails"


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PytestPeakSitesTest(CommandTestCase):
    def deep_pass(self, root, tests, peaks, env=None):
        """The deep pass as allocdiff runs it: ``tests`` only, two measured calls each, and
        the sites at the peak of ``peaks`` (aiming at made-up first-run peaks: the pass aims at
        the peak its own measured call reaches)."""
        folder = self.make_temp_dir()
        selected = os.path.join(folder, "tests.txt")
        with open(selected, "w") as file:
            file.write("".join("%s\n" % test for test in tests))
        env = dict(env or {}, ALLOCDIFF_TESTS=selected, ALLOCDIFF_REPEATS="2")
        if peaks:
            targets = os.path.join(folder, "targets.txt")
            with open(targets, "w") as file:
                file.write("".join("1000 %s\n" % test for test in peaks))
            env["ALLOCDIFF_PEAK_TARGETS"] = targets
        return self.run_command(
            root, "%s -m pytest -q -p no:cacheprovider tests" % PYTHON, env=env
        )

    def assertSamePeak(self, scenario):
        reported = scenario["peakBytes"]
        peak = scenario["peak"]
        slack = max(SAME_PEAK_SHARE * reported, SAME_PEAK_BYTES)
        self.assertAlmostEqual(peak["peakBytes"], reported, delta=slack, msg=scenario["name"])
        self.assertGreaterEqual(peak["bytes"], 0.95 * peak["peakBytes"], scenario["name"])

    def test_the_sites_are_those_of_the_first_call_whose_peak_is_reported(self):
        root = self.make_project(FILES)
        run = self.deep_pass(root, [LOOKUP, COMPILE, FAILS], [LOOKUP, COMPILE, FAILS])
        self.assertEqual(run.returncode, 1, run.output)  # test_fails fails, as it would
        self.assertEqual(run.snapshot["unmeasured"], [])
        lookup = run.named(LOOKUP)
        # The first call builds the table: its peak is the temporary; the second's is not.
        first, second = [repeat["peakBytes"] for repeat in lookup["repeats"]]
        self.assertGreater(first, 10 * second)
        self.assertSamePeak(lookup)
        top = lookup["peak"]["sites"][0]
        self.assertEqual((top["file"], top["line"]), ("app/table.py", 6), lookup["peak"]["sites"])
        self.assertGreater(top["size"], 0.9 * first)
        # compile()'s syntax tree, made and freed inside one C call, counted at its line.
        compiled = run.named(COMPILE)
        self.assertSamePeak(compiled)
        top = compiled["peak"]["sites"][0]
        self.assertEqual((top["file"], top["line"]), ("tests/test_table.py", 12))
        self.assertGreater(top["size"], 0.8 * compiled["peakBytes"])
        # A test that fails is measured once, and its copy ends with it.
        failed = run.named(FAILS)
        self.assertEqual(failed["status"], "failed")
        self.assertNotIn("peak", failed)

    def test_the_figures_are_those_of_a_pass_without_sites_at_the_peak(self):
        root = self.make_project(FILES)
        hooked = self.deep_pass(root, [LOOKUP, COMPILE], [LOOKUP, COMPILE])
        plain = self.deep_pass(root, [LOOKUP, COMPILE], [])
        for name in (LOOKUP, COMPILE):
            self.assertIn("peak", hooked.named(name))
            self.assertNotIn("peak", plain.named(name))

            def figures(run):
                return [(r["peakBytes"], r["retainedBytes"], r["retainedCount"])
                        for r in run.named(name)["repeats"]]

            self.assertEqual(figures(hooked), figures(plain), name)

    def test_with_a_thread_running_the_sites_come_from_a_later_call_and_it_is_said(self):
        root = self.make_project(dict(FILES, **THREADED))
        run = self.deep_pass(root, [LOOKUP], [LOOKUP])
        self.assertEqual(run.returncode, 0, run.output)
        lookup = run.named(LOOKUP)
        [note] = [n for n in run.snapshot["unmeasured"] if n["what"] == PEAK_OF_FIRST_CALL]
        self.assertEqual(note["scenario"], LOOKUP)
        self.assertIn("the process runs 2 threads", note["why"])
        self.assertIn("come from a later call of the test", note["why"])
        # That later call found the table built: its peak is not the first call's.
        self.assertLess(lookup["peak"]["peakBytes"] * 10, lookup["peakBytes"])
        self.assertNotIn(("app/table.py", 6),
                         [(site["file"], site["line"]) for site in lookup["peak"]["sites"]])

    def noted_pass(self, files):
        """The deep pass over test_noted.py's tests, with their sites at the peak, and how
        each test's body was called: {name: ["-" or "throughout", one per call]}."""
        root = self.make_project(files)
        calls = os.path.join(self.make_temp_dir(), "calls.txt")
        tests = ["tests/test_noted.py::test_%s" % name for name in ("grows", "instant", "short")]
        run = self.deep_pass(root, tests, tests, env={"CALLS": calls})
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.snapshot["unmeasured"], [])
        made = {}
        with open(calls) as file:
            for line in file:
                name, how = line.split()
                made.setdefault(name, []).append(how)
        return run, made

    def assertTopSite(self, run, name, line, share):
        scenario = run.named("tests/test_noted.py::test_%s" % name)
        self.assertSamePeak(scenario)
        top = scenario["peak"]["sites"][0]
        self.assertEqual((top["file"], top["line"]), ("tests/test_noted.py", line), name)
        self.assertGreater(top["size"], share * scenario["peakBytes"], name)

    def test_a_long_call_is_hooked_near_its_peak_only_and_again_throughout_when_that_missed(self):
        run, made = self.noted_pass(NOTED)
        # Two measured calls, then the copy's: one with the hooks near the peak only, which
        # caught the list at its peak.
        self.assertEqual(made["grows"], ["-", "-", "-"])
        self.assertTopSite(run, "grows", 11, 0.9)
        # Made and freed between two looks at the level: no hook was on at its peak, so the call
        # was made again with them on throughout, which saw it at len()'s call.
        self.assertEqual(made["instant"], ["-", "-", "-", "throughout"])
        self.assertTopSite(run, "instant", 18, 0.95)
        # Under GATED_SECONDS: the hooks on throughout at once.
        self.assertEqual(made["short"], ["-", "-", "throughout"])

    def test_with_a_profiler_of_the_programs_own_the_hooks_are_on_throughout(self):
        run, made = self.noted_pass(dict(NOTED, **PROFILED))
        # No profiling timer for the looks: a gated call would rarely look at all.
        for name in ("grows", "instant", "short"):
            self.assertEqual(made[name], ["-", "-", "throughout"], name)
        self.assertTopSite(run, "grows", 11, 0.9)
        self.assertTopSite(run, "instant", 18, 0.95)


if __name__ == "__main__":
    unittest.main()
