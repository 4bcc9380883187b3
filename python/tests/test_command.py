"""Command mode: the injected sitecustomize measures every Python process a command starts."""

from __future__ import annotations

import os
import subprocess
import sys
import unittest

from allocdiff_harness import command
from allocdiff_harness.snapshot import read_snapshot
from tests.support import HARNESS_PARENT, HarnessTestCase, decode_strings

INJECT_DIR = os.path.join(HARNESS_PARENT, "allocdiff_harness", "inject")
PYTHON = sys.executable


def pytest_available() -> bool:
    found = subprocess.run(
        [PYTHON, "-c", "import pytest"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return found.returncode == 0


class CommandRun:
    def __init__(self, completed, snapshot):
        self.returncode = completed.returncode
        self.output = completed.stdout.decode("utf-8", "replace")
        self.snapshot = snapshot

    @property
    def names(self) -> list:
        return [scenario["name"] for scenario in self.snapshot["scenarios"]]

    def named(self, name: str) -> dict:
        found = [s for s in self.snapshot["scenarios"] if s["name"] == name]
        if len(found) != 1:
            raise AssertionError("no single scenario %r in %s\n%s" % (name, self.names, self.output))
        return found[0]

    def site(self, scenario: str, file: str, line: int) -> dict:
        [site] = [
            s for s in self.named(scenario)["sites"] if s["file"] == file and s["line"] == line
        ]
        return site


class CommandTestCase(HarnessTestCase):
    def run_command(self, root, command, *, pythonpath=(), env=None) -> CommandRun:
        """Run a shell command the way the TypeScript side does, then aggregate."""
        partials = self.make_temp_dir()
        run_env = dict(os.environ)
        run_env.pop("PYTHONTRACEMALLOC", None)
        run_env.pop("PYTEST_PLUGINS", None)
        run_env.update(
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONHASHSEED="0",
            PYTHONPATH=os.pathsep.join([INJECT_DIR, *pythonpath]),
            ALLOCDIFF_COMMAND_DIR=partials,
            ALLOCDIFF_ROOT=root,
            ALLOCDIFF_FRAMES="1",
        )
        run_env.update(env or {})
        completed = subprocess.run(
            ["sh", "-c", command],
            cwd=root,
            env=run_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=120,
        )
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        aggregate_env = dict(os.environ, PYTHONPATH=HARNESS_PARENT, PYTHONDONTWRITEBYTECODE="1")
        aggregated = subprocess.run(
            [PYTHON, "-m", "allocdiff_harness.aggregate", "--dir", partials, "--root", root,
             "--out", out],
            env=aggregate_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=120,
        )
        self.assertEqual(aggregated.returncode, 0, aggregated.stdout.decode())
        snapshot = decode_strings(read_snapshot(out))
        return CommandRun(completed, snapshot)

    def traceback_env(self, sites, frames=10) -> dict:
        """What the traceback pass adds: more frames, and the file of sites to trace."""
        path = os.path.join(self.make_temp_dir(), "sites.txt")
        with open(path, "w") as file:
            file.write("\n".join(sites) + "\n")
        return {"ALLOCDIFF_FRAMES": str(frames), "ALLOCDIFF_TRACEBACK_SITES": path}


def call_path(traceback: dict) -> list:
    return [(frame["file"], frame["line"], frame.get("function")) for frame in traceback["frames"]]


class HarnessVariablesTest(unittest.TestCase):
    """Every run of a command gets the same variables, values of the same length: a file not
    given is blank, a number has leading zeros."""

    def test_a_blank_file_is_none_and_a_padded_number_its_value(self):
        environ = {
            "ALLOCDIFF_TESTS": " " * 40,
            "ALLOCDIFF_PEAK_TARGETS": "/tmp/a b/allocdiff_peak_targets.txt",
            "ALLOCDIFF_REPEATS": "0000000003",
            "ALLOCDIFF_ITERATIONS": "0000000000",
            "ALLOCDIFF_OBJECT_TYPES": "0",
            "ALLOCDIFF_PEAK_SITES": "0",
            "ALLOCDIFF_RETENTION_SITES": "",
        }
        depth = command.Depth(environ)
        self.assertIsNone(depth.tests_file)
        self.assertEqual(depth.peak_targets_file, "/tmp/a b/allocdiff_peak_targets.txt")
        self.assertIsNone(depth.retention_sites_file)
        self.assertIsNone(depth.retention_scenarios_file)
        self.assertEqual((depth.repeats, depth.iterations), (3, 0))
        self.assertFalse(depth.object_types or depth.every_peak)


class ProcessScenarioTest(CommandTestCase):
    def test_a_module_run_with_dash_m_is_a_scenario_with_its_sites(self):
        root = self.make_project(
            {
                "pkg/__init__.py": "",
                "pkg/bench.py": """\
                    KEEP = [bytearray(1000) for _ in range(50)]
                    def build():
                        return [str(i) for i in range(20000)]
                    TEMPORARY = len(build())
                    """,
            }
        )
        run = self.run_command(root, "%s -m pkg.bench" % PYTHON)
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.names, ["-m pkg.bench"])
        scenario = run.named("-m pkg.bench")
        self.assertEqual((scenario["kind"], scenario["status"], scenario["processes"]),
                         ("process", "ok", 1))
        # Module globals are still alive when the exit snapshot is taken.
        kept = run.site("-m pkg.bench", "pkg/bench.py", 1)
        self.assertGreaterEqual(kept["size"], 50 * 1000)
        self.assertEqual(kept["function"], "<module>")
        self.assertEqual(kept["text"], "KEEP = [bytearray(1000) for _ in range(50)]")
        # 20,000 strings were alive at once, then freed: peak, not retained.
        self.assertGreater(scenario["peakBytes"], 20000 * 40)
        self.assertFalse([s for s in scenario["sites"] if s["line"] == 3 and s["size"] > 10000])
        self.assertEqual(scenario["retainedBytes"], sum(s["size"] for s in scenario["sites"]))
        # The harness's own frames are not sites.
        self.assertFalse([s for s in scenario["sites"] if "allocdiff_harness" in s["file"]])

    def test_a_python_subprocess_is_measured_as_its_own_scenario(self):
        root = self.make_project(
            {
                "main.py": """\
                    import subprocess, sys
                    subprocess.run([sys.executable, "tools/child.py"], check=True)
                    """,
                "tools/child.py": "CHILD = [bytearray(2000) for _ in range(20)]\n",
            }
        )
        run = self.run_command(root, "%s main.py" % PYTHON)
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(sorted(run.names), ["main.py", "tools/child.py"])
        self.assertGreaterEqual(run.site("tools/child.py", "tools/child.py", 1)["size"], 40000)

    def test_processes_that_are_not_python_are_not_measured(self):
        root = self.make_project({"bench.py": "x = list(range(1000))\n"})
        run = self.run_command(root, "echo start; ls > /dev/null; %s bench.py; true" % PYTHON)
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.names, ["bench.py"])
        self.assertEqual(run.snapshot["unmeasured"], [])

    def test_processes_of_the_same_script_are_merged_and_their_sizes_add_up(self):
        root = self.make_project({"bench.py": "x = [bytearray(5000) for _ in range(10)]\n"})
        once = self.run_command(root, "%s bench.py" % PYTHON)
        thrice = self.run_command(root, "for i in 1 2 3; do %s bench.py; done" % PYTHON)
        single = once.named("bench.py")
        merged = thrice.named("bench.py")
        self.assertEqual((single["processes"], merged["processes"]), (1, 3))
        self.assertEqual(
            thrice.site("bench.py", "bench.py", 1)["size"],
            3 * once.site("bench.py", "bench.py", 1)["size"],
        )
        self.assertEqual(merged["retainedBytes"], 3 * single["retainedBytes"])
        self.assertEqual(merged["peakBytes"], 3 * single["peakBytes"])

    def test_a_process_that_raises_is_a_failed_scenario_with_its_error(self):
        root = self.make_project(
            {"bench.py": "data = [1] * 1000\nraise ValueError('no good')\n"}
        )
        run = self.run_command(root, "%s bench.py" % PYTHON)
        self.assertEqual(run.returncode, 1)
        scenario = run.named("bench.py")
        self.assertEqual(scenario["status"], "failed")
        self.assertEqual(scenario["error"]["type"], "ValueError")
        self.assertEqual(scenario["error"]["message"], "no good")
        self.assertIn('bench.py", line 2', scenario["error"]["traceback"])

    def test_a_clean_sys_exit_is_not_a_failure(self):
        root = self.make_project({"bench.py": "import sys\ndata = [1] * 1000\nsys.exit(0)\n"})
        run = self.run_command(root, "%s bench.py" % PYTHON)
        self.assertEqual(run.named("bench.py")["status"], "ok")

    def test_a_process_killed_or_ended_by_os_exit_is_unmeasured_not_missing(self):
        root = self.make_project(
            {
                "quits.py": "import os\ndata = [1] * 1000\nos._exit(0)\n",
                "killed.py": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
                "fine.py": "data = [1] * 1000\n",
            }
        )
        run = self.run_command(
            root, "%s quits.py; %s killed.py; %s fine.py" % (PYTHON, PYTHON, PYTHON)
        )
        self.assertEqual(run.names, ["fine.py"])
        notes = {note["scenario"]: note for note in run.snapshot["unmeasured"]}
        self.assertEqual(sorted(notes), ["killed.py", "quits.py"])
        self.assertRegex(notes["quits.py"]["what"], r"^process quits\.py \(pid \d+\)$")
        self.assertIn("os._exit()", notes["killed.py"]["why"])

    def test_a_process_that_stops_or_clears_tracing_is_a_failed_scenario_with_the_reason(self):
        # Its memory cannot be told from what it freed: a failure, not a scenario gone
        # (which head would show as removed) nor a fall to nothing.
        root = self.make_project(
            {
                "stops.py": "import tracemalloc\ndata = [0] * 1000\ntracemalloc.stop()\n",
                "clears.py": "import tracemalloc\ndata = [0] * 1000\n"
                "tracemalloc.clear_traces()\n",
                "fine.py": "data = [0] * 1000\n",
            }
        )
        run = self.run_command(
            root, "%s stops.py; %s clears.py; %s fine.py" % (PYTHON, PYTHON, PYTHON)
        )
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(sorted(run.names), ["clears.py", "fine.py", "stops.py"])
        self.assertEqual(run.named("fine.py")["status"], "ok")
        for name, what in [
            ("stops.py", "stopped tracemalloc"),
            ("clears.py", "cleared tracemalloc's traces (clear_traces(), or stop() then start())"),
        ]:
            scenario = run.named(name)
            self.assertEqual(scenario["status"], "failed", name)
            self.assertEqual(scenario["error"]["type"], "TracingStopped")
            self.assertIn("%s %s while it was measured" % (name, what), scenario["error"]["message"])
        self.assertEqual(
            sorted(run.snapshot["unmeasured"], key=lambda note: note["scenario"]),
            [
                {
                    "what": "peak and retained memory",
                    "why": "the program cleared tracemalloc's traces (clear_traces(), or stop()"
                    " then start())",
                    "scenario": "clears.py",
                },
                {
                    "what": "peak and retained memory",
                    "why": "the program stopped tracemalloc",
                    "scenario": "stops.py",
                },
            ],
        )

    def test_a_forked_child_is_unmeasured_and_its_parent_measured(self):
        root = self.make_project(
            {
                "forks.py": """\
                    import os
                    KEEP = [bytearray(1000) for _ in range(10)]
                    pid = os.fork()
                    if pid == 0:
                        os._exit(0)
                    os.waitpid(pid, 0)
                    """,
            }
        )
        run = self.run_command(root, "%s forks.py" % PYTHON)
        self.assertEqual(run.names, ["forks.py"])
        self.assertGreaterEqual(run.site("forks.py", "forks.py", 2)["size"], 10000)
        [note] = run.snapshot["unmeasured"]
        self.assertEqual(note["what"], "1 forked process of forks.py")

    def test_an_interpreter_too_old_to_measure_is_noted(self):
        # What the injected sitecustomize leaves for a Python older than 3.9.
        root = self.make_project({})
        run = self.run_command(root, 'printf 3.8.18 > "$ALLOCDIFF_COMMAND_DIR/4242.unsupported"')
        self.assertEqual(run.names, [])
        self.assertEqual(
            run.snapshot["unmeasured"],
            [
                {
                    "what": "a Python 3.8.18 process (pid 4242)",
                    "why": "allocdiff measures Python 3.9 and later",
                }
            ],
        )

    def test_dash_c_code_is_a_scenario_named_by_the_start_of_its_code(self):
        root = self.make_project({})
        run = self.run_command(root, "%s -c 'x = [0] * 5000'" % PYTHON)
        self.assertEqual(run.names, ["-c x = [0] * 5000"])
        self.assertGreaterEqual(run.named("-c x = [0] * 5000")["retainedBytes"], 5000 * 8)

    def test_dash_c_names_are_shortened_and_name_the_checkout_as_dot(self):
        root = self.make_project({})
        code = "import sys\n\nsys.path.insert(0, %r)\nDATA = [0] * 5000  # %s" % (
            os.path.join(root, "lib"),
            "x" * 100,
        )
        run = self.run_command(root, "%s -c \"$CODE\"" % PYTHON, env={"CODE": code})
        [name] = run.names
        self.assertEqual(name, "-c import sys sys.path.insert(0, './lib'...")
        self.assertNotIn(root, name)
        self.assertLessEqual(len(name), 3 + command.CODE_SHOWN)

    def test_code_names_collapse_whitespace_and_show_no_control_characters(self):
        self.assertEqual(command.code_name("a\t=\x1b[31m 1\n\nb = 2"), "-c a = [31m 1 b = 2")
        self.assertEqual(command.code_name(None), "-c")
        self.assertEqual(command.code_name("   "), "-c")
        self.assertEqual(command.code_name("open('/co/root/x')", "/co/root"), "-c open('./x')")

    def test_a_process_a_test_started_is_named_after_that_test(self):
        self.assertEqual(command.started_by_test("tests/t.py::test_a[x (1)] (call)"),
                         "tests/t.py::test_a[x (1)]")
        self.assertEqual(command.started_by_test(None), "")

    def test_the_injection_loads_no_module_the_program_would_then_import_for_free(self):
        listing = "import sys; print(' '.join(sorted(sys.modules)))"
        plain_env = dict(os.environ)
        plain_env.pop("PYTHONPATH", None)
        plain = subprocess.run(
            [PYTHON, "-c", listing], env=plain_env, stdout=subprocess.PIPE, check=True
        )
        root = self.make_project({"listing.py": listing + "\n"})
        run = self.run_command(root, "%s listing.py" % PYTHON)
        injected = set(run.output.split()) - set(plain.stdout.decode().split())
        # Built-in modules (no Python code, nothing to pay for) and the harness's own.
        allowed = {"_tracemalloc", "atexit", "gc", "sitecustomize", "allocdiff_harness",
                   "allocdiff_harness.command", "allocdiff_harness.checkout"}
        self.assertLessEqual(injected, allowed)
        self.assertIn("allocdiff_harness.command", injected)

    def test_without_the_directory_variable_nothing_is_measured(self):
        root = self.make_project({"bench.py": "print('ran')\n"})
        env = dict(os.environ, PYTHONPATH=INJECT_DIR)
        env.pop("ALLOCDIFF_COMMAND_DIR", None)
        completed = subprocess.run(
            [PYTHON, "bench.py"], cwd=root, env=env, stdout=subprocess.PIPE, check=True
        )
        self.assertEqual(completed.stdout, b"ran\n")


class MergeStartedAheadTest(CommandTestCase):
    """``aggregate --after FILE``: started while the command runs, it merges once FILE exists,
    what it would have merged started then."""

    def aggregate_after(self, partials, root, after):
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        env = dict(os.environ, PYTHONPATH=HARNESS_PARENT, PYTHONDONTWRITEBYTECODE="1")
        merge = subprocess.Popen(
            [PYTHON, "-m", "allocdiff_harness.aggregate", "--dir", partials, "--root", root,
             "--out", out, "--after", after],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.addCleanup(lambda: merge.poll() is None and (merge.kill(), merge.wait()))
        return merge, out

    def test_it_merges_what_the_command_wrote_once_told_to_and_not_before(self):
        root = self.make_project({"bench.py": "data = [str(i) * 10 for i in range(2000)]\n"})
        partials = self.make_temp_dir()
        after = os.path.join(self.make_temp_dir(), "merge.go")
        merge, out = self.aggregate_after(partials, root, after)
        env = dict(os.environ, PYTHONPATH=INJECT_DIR, PYTHONDONTWRITEBYTECODE="1",
                   PYTHONHASHSEED="0", ALLOCDIFF_COMMAND_DIR=partials, ALLOCDIFF_ROOT=root,
                   ALLOCDIFF_FRAMES="1")
        env.pop("PYTHONTRACEMALLOC", None)
        subprocess.run([PYTHON, "bench.py"], cwd=root, env=env, check=True, timeout=120)
        # The command wrote its result after the merge started: still waiting, nothing merged.
        with self.assertRaises(subprocess.TimeoutExpired):
            merge.wait(timeout=0.5)
        self.assertFalse(os.path.exists(out))
        with open(after, "w"):
            pass
        output = merge.communicate(timeout=120)[0].decode()
        self.assertEqual(merge.returncode, 0, output)
        snapshot = decode_strings(read_snapshot(out))
        [scenario] = snapshot["scenarios"]
        self.assertEqual(scenario["name"], "bench.py")
        self.assertGreater(scenario["repeats"][0]["retainedBytes"], 2000 * 40)

    def test_it_ends_without_merging_when_the_folder_of_its_file_is_removed(self):
        root = self.make_project({"bench.py": "pass\n"})
        partials = self.make_temp_dir()
        folder = self.make_temp_dir()
        merge, out = self.aggregate_after(partials, root, os.path.join(folder, "merge.go"))
        os.rmdir(folder)
        output = merge.communicate(timeout=60)[0].decode()
        self.assertEqual(merge.returncode, 1)
        self.assertIn("is gone", output)
        self.assertFalse(os.path.exists(out))


class TracebackPassTest(CommandTestCase):
    FILES = {
        "app/__init__.py": "",
        "app/store.py": """\
            _kept = []


            def remember(size):
                _kept.append(bytearray(size))


            def other():
                _kept.append([0] * 100)
            """,
        "bench.py": """\
            from app.store import remember, other


            def load_small():
                for _ in range(3):
                    remember(1_000)


            def load_big():
                remember(50_000)


            load_small()
            load_big()
            other()
            """,
    }

    def test_a_process_keeps_the_call_paths_of_the_wanted_sites_only(self):
        root = self.make_project(self.FILES)
        run = self.run_command(
            root, "%s bench.py" % PYTHON, env=self.traceback_env(["app/store.py:5"])
        )
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.snapshot["unmeasured"], [])
        site = run.site("bench.py", "app/store.py", 5)
        big, small = site["tracebacks"]
        self.assertEqual(
            call_path(big),
            [("bench.py", 14, "<module>"), ("bench.py", 10, "load_big"),
             ("app/store.py", 5, "remember")],
        )
        self.assertEqual(big["frames"][0]["text"], "load_big()")
        self.assertAlmostEqual(big["size"], 50_000, delta=200)
        self.assertEqual(call_path(small)[:2], [("bench.py", 13, "<module>"),
                                                ("bench.py", 6, "load_small")])
        self.assertAlmostEqual(small["size"], 3 * 1_000, delta=300)
        self.assertEqual(big["size"] + small["size"], site["size"])
        # Only the site asked for: app/store.py:9 allocated too, but is not traced.
        sites = run.named("bench.py")["sites"]
        traced = [(s["file"], s["line"]) for s in sites if "tracebacks" in s]
        self.assertEqual(traced, [("app/store.py", 5)])
        self.assertIn(("app/store.py", 9), [(s["file"], s["line"]) for s in sites])

    def test_the_measuring_run_keeps_no_tracebacks(self):
        root = self.make_project(self.FILES)
        run = self.run_command(root, "%s bench.py" % PYTHON, env={"ALLOCDIFF_FRAMES": "10"})
        self.assertNotIn("tracebacks", run.site("bench.py", "app/store.py", 5))

    def test_processes_of_the_same_script_add_up_call_path_by_call_path(self):
        root = self.make_project(self.FILES)
        env = self.traceback_env(["app/store.py:5"])
        once = self.run_command(root, "%s bench.py" % PYTHON, env=env)
        twice = self.run_command(root, "%s bench.py; %s bench.py" % (PYTHON, PYTHON), env=env)
        single = once.site("bench.py", "app/store.py", 5)["tracebacks"]
        merged = twice.site("bench.py", "app/store.py", 5)["tracebacks"]
        self.assertEqual([call_path(t) for t in merged], [call_path(t) for t in single])
        self.assertEqual([(t["size"], t["count"]) for t in merged],
                         [(2 * t["size"], 2 * t["count"]) for t in single])

    def test_a_frame_limit_that_cuts_the_call_path_says_so(self):
        root = self.make_project(self.FILES)
        run = self.run_command(
            root, "%s bench.py" % PYTHON, env=self.traceback_env(["app/store.py:5"], frames=2)
        )
        for traceback in run.site("bench.py", "app/store.py", 5)["tracebacks"]:
            self.assertEqual(len(traceback["frames"]), 2)
            self.assertTrue(traceback["truncated"])

    def test_an_unreadable_site_list_costs_the_tracebacks_not_the_measurement(self):
        root = self.make_project(self.FILES)
        env = self.traceback_env(["app/store.py:5"])
        plain = self.run_command(root, "%s bench.py" % PYTHON)
        for sites in (env["ALLOCDIFF_TRACEBACK_SITES"] + ".missing", self.bad_site_list()):
            run = self.run_command(
                root, "%s bench.py" % PYTHON, env=dict(env, ALLOCDIFF_TRACEBACK_SITES=sites)
            )
            self.assertEqual(run.returncode, 0, run.output)
            self.assertIn("allocdiff: no tracebacks in this process: ", run.output)
            site = run.site("bench.py", "app/store.py", 5)
            self.assertNotIn("tracebacks", site)
            self.assertEqual(site["size"], plain.site("bench.py", "app/store.py", 5)["size"])

    def bad_site_list(self) -> str:
        path = os.path.join(self.make_temp_dir(), "sites.txt")
        with open(path, "w") as file:
            file.write("app/store.py\n")
        return path


class ChainingTest(CommandTestCase):
    SITE = """\
        import builtins, os
        builtins.CUSTOMIZED = os.environ.get("ALLOCDIFF_COMMAND_DIR") is not None
        """

    def test_an_existing_sitecustomize_still_runs_and_stays_the_module_of_that_name(self):
        site_dir = self.make_project({"sitecustomize.py": self.SITE})
        root = self.make_project(
            {
                "bench.py": """\
                    import sitecustomize
                    print("customized:", CUSTOMIZED, sitecustomize.__file__)
                    data = [bytearray(100) for _ in range(100)]
                    """
            }
        )
        run = self.run_command(root, "%s bench.py" % PYTHON, pythonpath=[site_dir])
        self.assertEqual(run.returncode, 0, run.output)
        self.assertIn(
            "customized: True %s" % os.path.join(site_dir, "sitecustomize.py"), run.output
        )
        # And the process is measured all the same.
        self.assertGreaterEqual(run.site("bench.py", "bench.py", 3)["size"], 100 * 100)

    def test_a_failing_sitecustomize_is_reported_as_python_would_and_measuring_goes_on(self):
        site_dir = self.make_project({"sitecustomize.py": "raise RuntimeError('site broke')\n"})
        root = self.make_project({"bench.py": "data = [0] * 1000\n"})
        run = self.run_command(root, "%s bench.py" % PYTHON, pythonpath=[site_dir])
        self.assertEqual(run.returncode, 0, run.output)
        self.assertIn("Error in sitecustomize", run.output)
        self.assertIn("RuntimeError: site broke", run.output)
        self.assertEqual(run.names, ["bench.py"])


    def test_the_plugin_is_offered_to_pytest_in_the_process_not_to_its_children(self):
        root = self.make_project(
            {
                "look.py": """\
                    import os, subprocess
                    print("here:", os.environ.get("PYTEST_PLUGINS"))
                    child = subprocess.run(["env"], stdout=subprocess.PIPE, text=True).stdout
                    print("child:", [line for line in child.splitlines() if "PYTEST" in line])
                    """
            }
        )
        run = self.run_command(root, "%s look.py" % PYTHON, env={"PYTEST_PLUGINS": "mine"})
        self.assertIn("here: mine,allocdiff_harness.pytest_plugin", run.output)
        # A child that drops PYTHONPATH must not be told to load a plugin it cannot import.
        self.assertIn("child: ['PYTEST_PLUGINS=mine']", run.output)


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PytestTest(CommandTestCase):
    FILES = {
        "app/__init__.py": "",
        "app/store.py": """\
            STORE = []

            def remember(n):
                STORE.extend(bytearray(100) for _ in range(n))
            """,
        "tests/test_perf.py": """\
            import pytest
            from app.store import remember

            def test_keeps():
                remember(200)

            def test_temporary():
                data = [str(i) for i in range(30000)]
                assert len(data) == 30000

            def test_fails():
                assert 1 + 1 == 3

            @pytest.mark.skip(reason="not today")
            def test_skipped():
                remember(10)

            class TestGroup:
                def test_in_class(self):
                    remember(5)
            """,
    }

    def test_each_test_is_a_scenario_named_by_its_node_id(self):
        root = self.make_project(self.FILES)
        run = self.run_command(root, "%s -m pytest -q -p no:cacheprovider tests" % PYTHON)
        self.assertEqual(run.returncode, 1, run.output)  # one test fails
        self.assertEqual(
            run.names,
            [
                "tests/test_perf.py::test_keeps",
                "tests/test_perf.py::test_temporary",
                "tests/test_perf.py::test_fails",
                "tests/test_perf.py::TestGroup::test_in_class",
            ],
        )
        keeps = run.named("tests/test_perf.py::test_keeps")
        self.assertEqual((keeps["kind"], keeps["status"]), ("test", "ok"))
        stored = run.site("tests/test_perf.py::test_keeps", "app/store.py", 4)
        self.assertGreaterEqual(stored["size"], 200 * 100)
        self.assertEqual(stored["function"], "remember")
        # Retained after the call: what it left behind; peak: what it held at once.
        temporary = run.named("tests/test_perf.py::test_temporary")
        self.assertLess(temporary["retainedBytes"], 10000)
        self.assertGreater(temporary["peakBytes"], 30000 * 40)
        self.assertLess(keeps["peakBytes"], 30000 * 40)
        failed = run.named("tests/test_perf.py::test_fails")
        self.assertEqual(failed["status"], "failed")
        self.assertEqual(failed["error"]["type"], "AssertionError")
        in_class = run.site("tests/test_perf.py::TestGroup::test_in_class", "app/store.py", 4)
        self.assertGreaterEqual(in_class["count"], 5)
        self.assertGreaterEqual(in_class["size"], 5 * 100)
        self.assertLess(in_class["size"], stored["size"])

    def test_pytest_starts_untraced_until_it_configures_and_its_tests_are_traced(self):
        # pytest's start (its imports, the conftest files) is no test's: it runs untraced, as
        # fast as without allocdiff; another Python process is traced from its start.
        files = {
            "tests/conftest.py": """\
                import tracemalloc

                TRACED_AT_IMPORT = tracemalloc.is_tracing()
                """,
            "tests/test_start.py": """\
                import subprocess, sys, tracemalloc

                from conftest import TRACED_AT_IMPORT

                def test_start_was_untraced():
                    assert not TRACED_AT_IMPORT
                    assert tracemalloc.is_tracing()
                    data = [0] * 5000

                def test_other_processes_are_traced_from_their_start():
                    code = "import tracemalloc; assert tracemalloc.is_tracing()"
                    subprocess.run([sys.executable, "-c", code], check=True)
                """,
        }
        root = self.make_project(files)
        run = self.run_command(root, "%s -m pytest -q -p no:cacheprovider tests" % PYTHON)
        self.assertEqual(run.returncode, 0, run.output)
        untraced = run.named("tests/test_start.py::test_start_was_untraced")
        self.assertEqual(untraced["status"], "ok")
        self.assertGreaterEqual(untraced["peakBytes"], 5000 * 8)
        [child] = [
            scenario
            for scenario in run.snapshot["scenarios"]
            if scenario["name"].startswith(
                "tests/test_start.py::test_other_processes_are_traced_from_their_start > -c "
            )
        ]
        self.assertEqual(child["status"], "ok")

    def test_pytest_that_ends_before_it_configures_is_no_scenario(self):
        # A conftest.py that fails to import ends pytest before it configures: no test ran, and
        # pytest's untraced start is not measured as a process of its own.
        root = self.make_project(
            {
                "tests/conftest.py": "import not_a_module_anywhere\n",
                "tests/test_a.py": "def test_a():\n    assert True\n",
            }
        )
        run = self.run_command(root, "%s -m pytest -q -p no:cacheprovider tests" % PYTHON)
        self.assertEqual(run.returncode, 4, run.output)
        self.assertEqual(run.names, [])
        [note] = run.snapshot["unmeasured"]
        self.assertEqual(note["what"], "pytest's tests")
        self.assertIn("pytest ended before it configured", note["why"])

    def test_pytest_is_known_by_its_module_or_its_scripts(self):
        self.assertTrue(command.runs_pytest(("module", "pytest")))
        self.assertTrue(command.runs_pytest(("script", "/venv/bin/pytest")))
        self.assertTrue(command.runs_pytest(("script", "py.test")))
        self.assertTrue(command.runs_pytest(("script", "/usr/bin/pytest-3")))
        self.assertFalse(command.runs_pytest(("module", "pytest_benchmark")))
        self.assertFalse(command.runs_pytest(("script", "tests/pytest_helpers.py")))
        self.assertFalse(command.runs_pytest(("code", "-c import pytest")))

    def test_a_process_a_test_starts_is_measured_once_in_a_deep_pass(self):
        # The test's further calls (repeats, the leak check, the count) start it again: those
        # are not measured, or the process's scenario would add them all up.
        files = {
            "tests/test_spawn.py": """\
                import subprocess, sys

                def test_spawns():
                    subprocess.run([sys.executable, "-c", "DATA = [0] * 50000"], check=True)
                """,
        }
        root = self.make_project(files)
        path = os.path.join(self.make_temp_dir(), "tests.txt")
        with open(path, "w") as file:
            file.write("tests/test_spawn.py::test_spawns\n")
        run = self.run_command(
            root,
            "%s -m pytest -q -p no:cacheprovider tests" % PYTHON,
            env={"ALLOCDIFF_TESTS": path, "ALLOCDIFF_REPEATS": "3", "ALLOCDIFF_OBJECT_TYPES": "1",
                 "ALLOCDIFF_ITERATIONS": "3"},
        )
        self.assertEqual(run.returncode, 0, run.output)
        test = run.named("tests/test_spawn.py::test_spawns")
        self.assertEqual(len(test["repeats"]), 3)
        self.assertEqual(test["leak"]["iterations"], 3)
        child = run.named("tests/test_spawn.py::test_spawns > -c DATA = [0] * 50000")
        self.assertGreaterEqual(child["retainedBytes"], 50000 * 8)
        self.assertLess(child["retainedBytes"], 2 * 50000 * 8)
        self.assertEqual(child.get("processes", 1), 1)
        self.assertEqual(run.snapshot["unmeasured"], [])

    def test_a_python_process_a_test_starts_is_named_after_the_test_not_a_test(self):
        files = {
            "tests/test_spawn.py": """\
                import subprocess, sys

                def test_spawns():
                    subprocess.run([sys.executable, "-c", "DATA = [0] * 5000"], check=True)

                def test_plain():
                    assert True
                """,
        }
        root = self.make_project(files)
        # Started outside a test (as pytest or a fixture may), a process keeps its own name.
        run = self.run_command(
            root,
            "%s -c 'x = 1' && %s -m pytest -q -p no:cacheprovider tests" % (PYTHON, PYTHON),
        )
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(
            sorted(run.names),
            [
                "-c x = 1",
                "tests/test_spawn.py::test_plain",
                "tests/test_spawn.py::test_spawns",
                "tests/test_spawn.py::test_spawns > -c DATA = [0] * 5000",
            ],
        )
        helper = run.named("tests/test_spawn.py::test_spawns > -c DATA = [0] * 5000")
        self.assertEqual(helper["kind"], "process")
        self.assertGreaterEqual(helper["retainedBytes"], 5000 * 8)

    def test_a_test_that_stops_or_clears_tracing_is_a_failed_scenario(self):
        root = self.make_project(
            {
                "tests/test_lose.py": """\
                    import tracemalloc

                    def test_stops():
                        data = [0] * 1000
                        tracemalloc.stop()

                    def test_clears():
                        data = [0] * 1000
                        tracemalloc.clear_traces()

                    def test_fine():
                        data = [0] * 1000
                    """,
            }
        )
        run = self.run_command(root, "%s -m pytest -q -p no:cacheprovider tests" % PYTHON)
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.named("tests/test_lose.py::test_fine")["status"], "ok")
        for name, what in [("test_stops", "stopped"), ("test_clears", "cleared")]:
            scenario = run.named("tests/test_lose.py::" + name)
            self.assertEqual(scenario["status"], "failed", name)
            self.assertEqual(scenario["error"]["type"], "TracingStopped")
            self.assertIn(what + " tracemalloc", scenario["error"]["message"])

    def test_each_test_keeps_its_own_call_paths_in_the_traceback_pass(self):
        root = self.make_project(self.FILES)
        run = self.run_command(
            root,
            "%s -m pytest -q -p no:cacheprovider tests" % PYTHON,
            env=self.traceback_env(["app/store.py:4"], frames=5),
        )
        self.assertEqual(run.returncode, 1, run.output)  # one test fails, as without tracebacks
        keeps = run.site("tests/test_perf.py::test_keeps", "app/store.py", 4)["tracebacks"]
        in_class = run.site(
            "tests/test_perf.py::TestGroup::test_in_class", "app/store.py", 4
        )["tracebacks"]
        # Each test's own call into remember(), from the test down to the site; pytest's
        # frames above it are cut by the limit, the plugin's are not there.
        self.assertIn(("tests/test_perf.py", 5, "test_keeps"), call_path(keeps[0]))
        self.assertNotIn(("tests/test_perf.py", 20, "TestGroup.test_in_class"), call_path(keeps[0]))
        self.assertIn(("tests/test_perf.py", 20, "TestGroup.test_in_class"), call_path(in_class[0]))
        self.assertEqual(call_path(keeps[0])[-1][:2], ("app/store.py", 4))
        for traceback in keeps + in_class:
            self.assertFalse([f for f in traceback["frames"] if "allocdiff_harness" in f["file"]])
        self.assertGreaterEqual(keeps[0]["size"], 200 * 100)

    def test_the_projects_own_plugins_setting_is_kept(self):
        files = dict(self.FILES)
        files["myplugin.py"] = """\
            def pytest_configure(config):
                print("my plugin loaded")
            """
        root = self.make_project(files)
        run = self.run_command(
            root,
            "%s -m pytest -s -q -p no:cacheprovider tests/test_perf.py::test_keeps" % PYTHON,
            env={"PYTEST_PLUGINS": "myplugin"},
            pythonpath=[root],
        )
        self.assertEqual(run.returncode, 0, run.output)
        self.assertIn("my plugin loaded", run.output)
        self.assertEqual(run.names, ["tests/test_perf.py::test_keeps"])


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PytestCollectionTest(CommandTestCase):
    """Each test's call starts with everything alive frozen: the collections around it examine
    only what is younger, and what it leaks or drops measures as with full collections."""

    FILES = {
        "app/__init__.py": "",
        "app/graph.py": """\
            HELD = []
            NAMES = {}

            class Node:
                def __init__(self, payload):
                    self.payload = payload
                    self.me = self

            def hold(n):
                HELD.append(Node(bytearray(n)))

            def drop(n):
                Node(bytearray(n))

            def name(n):
                NAMES["key%d" % len(NAMES)] = "x" * n
            """,
        "tests/test_graph.py": """\
            import gc
            from app.graph import drop, hold, name

            def test_leaks_through_a_cycle():
                hold(50000)

            def test_drops_a_cycle():
                drop(200000)

            def test_names():
                name(3000)

            def test_older_objects_are_frozen():
                assert gc.get_freeze_count() > 1000
                assert len(gc.get_objects()) < 1000
            """,
    }

    def deep_env(self, tests):
        path = os.path.join(self.make_temp_dir(), "tests.txt")
        with open(path, "w") as file:
            file.write("".join("tests/test_graph.py::%s\n" % test for test in tests))
        return {"ALLOCDIFF_TESTS": path, "ALLOCDIFF_REPEATS": "3",
                "ALLOCDIFF_OBJECT_TYPES": "1", "ALLOCDIFF_ITERATIONS": "3"}

    def test_a_cycle_a_test_keeps_is_retained_and_one_it_drops_is_not(self):
        root = self.make_project(self.FILES)
        run = self.run_command(root, "%s -m pytest -q -p no:cacheprovider tests" % PYTHON)
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.named("tests/test_graph.py::test_older_objects_are_frozen")["status"],
                         "ok")
        kept = run.named("tests/test_graph.py::test_leaks_through_a_cycle")
        self.assertGreaterEqual(kept["retainedBytes"], 50000)
        self.assertLess(kept["retainedBytes"], 52000)
        self.assertGreaterEqual(run.site(kept["name"], "app/graph.py", 10)["size"], 50000)
        dropped = run.named("tests/test_graph.py::test_drops_a_cycle")
        self.assertLess(dropped["retainedBytes"], 2000)
        self.assertGreaterEqual(dropped["peakBytes"], 200000)

    def test_every_pass_of_a_deep_pass_collects_the_same(self):
        root = self.make_project(self.FILES)
        run = self.run_command(
            root,
            "%s -m pytest -q -p no:cacheprovider tests" % PYTHON,
            env=self.deep_env(["test_leaks_through_a_cycle", "test_drops_a_cycle", "test_names"]),
        )
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.snapshot["unmeasured"], [])
        kept = run.named("tests/test_graph.py::test_leaks_through_a_cycle")
        dropped = run.named("tests/test_graph.py::test_drops_a_cycle")
        names = run.named("tests/test_graph.py::test_names")
        for scenario in (kept, dropped, names):
            self.assertEqual(len(scenario["repeats"]), 3, scenario["name"])
        for repeat in kept["repeats"]:
            self.assertGreaterEqual(repeat["retainedBytes"], 50000)
            self.assertLess(repeat["retainedBytes"], 52000)
        # The calls after pytest's own keep nothing at all of a dropped cycle.
        self.assertEqual([r["retainedBytes"] for r in dropped["repeats"][1:]], [0, 0])
        for repeat in dropped["repeats"]:
            self.assertGreaterEqual(repeat["peakBytes"], 200000)
            self.assertLess(repeat["retainedBytes"], 2000)
        # The leak check: every call keeps one more node, none of the dropped ones.
        self.assertGreaterEqual(kept["leak"]["bytesPerCall"], 50000)
        self.assertLess(dropped["leak"]["bytesPerCall"], 1000)
        # Objects by type see the ones only a container older than the call holds.
        def grown(scenario):
            return {e["type"]: e["after"] - e["before"] for e in scenario["objectTypes"]}

        self.assertEqual(grown(kept), {"app.graph.Node": 1, "bytearray": 1})
        self.assertEqual(grown(dropped), {})
        self.assertEqual(grown(names), {"str": 1})



@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PytestObjectCountTest(CommandTestCase):
    """Objects by type in a deep pass count every live object, before and after the call, not
    only the objects the call made: what a call does to objects older than it (frozen, see
    collection.py) changes the counts too, whether the collector tracks them or not."""

    FILES = {
        "app/__init__.py": "",
        "app/state.py": """\
            class Node:
                pass

            # Made at import: older than every call, so frozen while the tests run.
            LINES = []
            WORDS = ["w%05d" % i for i in range(100)]
            NODES = [Node() for _ in range(100)]
            # Dicts of numbers only: the collector does not track them.
            FLAGS = [{"n": i} for i in range(100)]
            CALLS = [0]

            def append_line():
                LINES.append("line %d" % len(LINES))

            def drop_word():
                WORDS.pop()

            def drop_node():
                NODES.pop()

            def flag_with_list():
                CALLS[0] += 1
                FLAGS[CALLS[0]]["items"] = []
            """,
        "tests/test_state.py": """\
            from app import state

            def test_appends_to_an_old_list():
                state.append_line()

            def test_drops_an_old_string():
                state.drop_word()

            def test_drops_an_old_object():
                state.drop_node()

            def test_an_old_untracked_dict_gets_a_list():
                state.flag_with_list()

            def test_keeps_nothing():
                [str(i) for i in range(100)]
            """,
    }

    def test_the_count_sees_what_a_call_does_to_older_objects(self):
        root = self.make_project(self.FILES)
        tests = [
            "test_appends_to_an_old_list",
            "test_drops_an_old_string",
            "test_drops_an_old_object",
            "test_an_old_untracked_dict_gets_a_list",
            "test_keeps_nothing",
        ]
        path = os.path.join(self.make_temp_dir(), "tests.txt")
        with open(path, "w") as file:
            file.write("".join("tests/test_state.py::%s\n" % test for test in tests))
        run = self.run_command(
            root,
            "%s -m pytest -q -p no:cacheprovider tests" % PYTHON,
            env={"ALLOCDIFF_TESTS": path, "ALLOCDIFF_REPEATS": "2", "ALLOCDIFF_OBJECT_TYPES": "1"},
        )
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.snapshot["unmeasured"], [])

        def grown(test):
            scenario = run.named("tests/test_state.py::%s" % test)
            return {e["type"]: e["after"] - e["before"] for e in scenario["objectTypes"]}

        # A new string only an old list holds: nothing new the collector tracks refers to it.
        self.assertEqual(grown("test_appends_to_an_old_list"), {"str": 1})
        # An old string freed: neither the collector nor tracing (started at the call) saw it.
        self.assertEqual(grown("test_drops_an_old_string"), {"str": -1})
        # A frozen object freed.
        self.assertEqual(grown("test_drops_an_old_object"), {"app.state.Node": -1})
        # The collector tracks the old dict from the call on: still one dict, not a new one.
        self.assertEqual(grown("test_an_old_untracked_dict_gets_a_list"), {"list": 1})
        self.assertEqual(grown("test_keeps_nothing"), {})

    def test_only_the_tests_named_for_it_are_counted(self):
        root = self.make_project(self.FILES)
        folder = self.make_temp_dir()
        tests = ["test_appends_to_an_old_list", "test_drops_an_old_string", "test_keeps_nothing"]
        path = os.path.join(folder, "tests.txt")
        with open(path, "w") as file:
            file.write("".join("tests/test_state.py::%s\n" % test for test in tests))
        counted = os.path.join(folder, "counted.txt")
        with open(counted, "w") as file:
            file.write("tests/test_state.py::test_drops_an_old_string\n")
        run = self.run_command(
            root,
            "%s -m pytest -q -p no:cacheprovider tests" % PYTHON,
            env={
                "ALLOCDIFF_TESTS": path,
                "ALLOCDIFF_REPEATS": "2",
                "ALLOCDIFF_OBJECT_TYPES": "1",
                "ALLOCDIFF_OBJECT_TYPES_TESTS": counted,
            },
        )
        self.assertEqual(run.returncode, 0, run.output)
        # Not counting is what was asked: no note per test (allocdiff says it once).
        self.assertEqual(run.snapshot["unmeasured"], [])
        grown = {}
        for test in tests:
            scenario = run.named("tests/test_state.py::%s" % test)
            # Measured in depth all the same: both of its calls.
            self.assertEqual(len(scenario["repeats"]), 2, test)
            if "objectTypes" in scenario:
                grown[test] = {e["type"]: e["after"] - e["before"] for e in scenario["objectTypes"]}
        self.assertEqual(grown, {"test_drops_an_old_string": {"str": -1}})

    def test_counting_a_test_changes_no_leak_check(self):
        # Each call keeps a block as large as the calls made so far: a call more of a test (in
        # this process) would change what the leak checks after it keep.
        root = self.make_project({
            "tests/test_calls.py": """
                CALLS = []
                HELD = []


                def test_first():
                    CALLS.append(None)
                    HELD.append(bytearray(1000 * len(CALLS)))


                def test_second():
                    CALLS.append(None)
                    HELD.append(bytearray(1000 * len(CALLS)))
                """,
        })
        folder = self.make_temp_dir()
        tests = ["tests/test_calls.py::test_first", "tests/test_calls.py::test_second"]
        path = os.path.join(folder, "tests.txt")
        with open(path, "w") as file:
            file.write("".join("%s\n" % test for test in tests))

        def leaks(counted_tests):
            counted = os.path.join(folder, "counted-%d.txt" % len(counted_tests))
            with open(counted, "w") as file:
                file.write("".join("%s\n" % test for test in counted_tests))
            run = self.run_command(
                root,
                "%s -m pytest -q -p no:cacheprovider tests" % PYTHON,
                env={
                    "ALLOCDIFF_TESTS": path,
                    "ALLOCDIFF_REPEATS": "2",
                    "ALLOCDIFF_ITERATIONS": "3",
                    "ALLOCDIFF_OBJECT_TYPES": "1",
                    "ALLOCDIFF_OBJECT_TYPES_TESTS": counted,
                },
            )
            self.assertEqual(run.returncode, 0, run.output)
            self.assertEqual(run.snapshot["unmeasured"], [])
            return {
                test: (run.named(test)["leak"]["retainedBytes"], "objectTypes" in run.named(test))
                for test in tests
            }

        every = leaks(tests)
        none = leaks([])
        self.assertEqual({test: counted for test, (_, counted) in every.items()},
                         {test: True for test in tests})
        self.assertEqual({test: counted for test, (_, counted) in none.items()},
                         {test: False for test in tests})
        self.assertEqual({test: kept for test, (kept, _) in every.items()},
                         {test: kept for test, (kept, _) in none.items()})

    def test_with_a_thread_running_the_count_is_made_in_the_process_itself(self):
        # No copy is forked from a process that runs threads: the count's call is then one
        # more call of the test here, which the test after it sees.
        root = self.make_project({
            "tests/conftest.py": """
                import threading
                import time

                threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
                """,
            "tests/test_calls.py": """
                import os

                CALLS = []


                def test_appends():
                    CALLS.append("call %d" % len(CALLS))


                def test_reports():
                    with open(os.environ["CALLS_FILE"], "w") as file:
                        file.write(str(len(CALLS)))
                """,
        })
        folder = self.make_temp_dir()
        path = os.path.join(folder, "tests.txt")
        with open(path, "w") as file:
            file.write("tests/test_calls.py::test_appends\ntests/test_calls.py::test_reports\n")
        counted = os.path.join(folder, "counted.txt")
        with open(counted, "w") as file:
            file.write("tests/test_calls.py::test_appends\n")
        calls = os.path.join(folder, "calls.txt")
        run = self.run_command(
            root,
            "%s -m pytest -q -p no:cacheprovider tests" % PYTHON,
            env={
                "ALLOCDIFF_TESTS": path,
                "ALLOCDIFF_REPEATS": "2",
                "ALLOCDIFF_OBJECT_TYPES": "1",
                "ALLOCDIFF_OBJECT_TYPES_TESTS": counted,
                "CALLS_FILE": calls,
            },
        )
        self.assertEqual(run.returncode, 0, run.output)
        self.assertEqual(run.snapshot["unmeasured"], [])
        scenario = run.named("tests/test_calls.py::test_appends")
        grown = {e["type"]: e["after"] - e["before"] for e in scenario["objectTypes"]}
        self.assertEqual(grown, {"str": 1})
        # Its measured call, its further measured call, and the call that counted.
        with open(calls) as file:
            self.assertEqual(file.read(), "3")

if __name__ == "__main__":
    unittest.main()
