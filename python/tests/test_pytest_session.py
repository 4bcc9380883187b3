"""A pytest session that serves allocdiff's passes: collected once, each pass in a forked child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
import unittest

from allocdiff_harness.snapshot import read_snapshot
from tests.support import HARNESS_PARENT, decode_strings
from tests.test_command import INJECT_DIR, PYTHON, CommandTestCase, pytest_available

SUITE = {
    "tests/conftest.py": """\
        import os

        # One line per pytest process that imports this file: a count of pytest's starts.
        with open(os.environ["STARTS_FILE"], "a") as starts:
            starts.write("%d\\n" % os.getpid())
        """,
    "tests/test_cache.py": """\
        CACHE = []

        def test_fills():
            CACHE.extend(bytearray(1000) for _ in range(20))

        def test_plain():
            assert [str(i) for i in range(100)]
        """,
}


class SessionTestCase(CommandTestCase):
    def start(self, root, env=None):
        """pytest with the harness injected and a session folder; its partials, session and
        starts file."""
        partials = self.make_temp_dir()
        session = self.make_temp_dir()
        starts = os.path.join(self.make_temp_dir(), "starts.txt")
        run_env = dict(os.environ)
        run_env.pop("PYTHONTRACEMALLOC", None)
        run_env.pop("PYTEST_PLUGINS", None)
        run_env.update(
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONHASHSEED="0",
            PYTHONPATH=INJECT_DIR,
            ALLOCDIFF_COMMAND_DIR=partials,
            ALLOCDIFF_ROOT=root,
            ALLOCDIFF_FRAMES="1",
            ALLOCDIFF_SESSION_DIR=session,
            STARTS_FILE=starts,
        )
        run_env.update(env or {})
        process = subprocess.Popen(
            [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
            cwd=root,
            env=run_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.addCleanup(lambda: process.poll() is None and process.kill())
        return process, partials, session, starts

    def wait_for(self, path, process, seconds=60):
        give_up = time.monotonic() + seconds
        while not os.path.exists(path):
            self.assertIsNone(process.poll(), "ended before %s" % path)
            self.assertLess(time.monotonic(), give_up, "never written: %s" % path)
            time.sleep(0.02)

    def ask(self, session, number, request):
        path = os.path.join(session, "pass-%d.json" % number)
        with open(path + ".partial", "w") as file:
            json.dump(request, file)
        os.replace(path + ".partial", path)

    def progress(self, partials):
        """The tests a pass's processes said they recorded (``.progress`` files' bytes)."""
        return sum(
            os.path.getsize(os.path.join(partials, name))
            for name in os.listdir(partials)
            if name.endswith(".progress")
        )

    def scenarios(self, root, partials):
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        subprocess.run(
            [PYTHON, "-m", "allocdiff_harness.aggregate", "--dir", partials, "--root", root,
             "--out", out],
            env=dict(os.environ, PYTHONPATH=HARNESS_PARENT, PYTHONDONTWRITEBYTECODE="1"),
            check=True,
            timeout=120,
        )
        snapshot = decode_strings(read_snapshot(out))
        return {s["name"]: s for s in snapshot["scenarios"]}, snapshot["unmeasured"]


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PytestSessionTest(SessionTestCase):
    def test_each_pass_runs_from_the_collected_session_started_once(self):
        root = self.make_project(SUITE)
        process, partials, session, starts = self.start(root)
        self.wait_for(os.path.join(session, "pass-1.done"), process)
        with open(os.path.join(session, "serving")) as file:
            self.assertEqual(int(file.read()), process.pid)
        with open(os.path.join(session, "pass-1.done")) as file:
            self.assertEqual(file.read(), "0")
        first, unmeasured = self.scenarios(root, partials)
        self.assertEqual(
            sorted(first), ["tests/test_cache.py::test_fills", "tests/test_cache.py::test_plain"]
        )
        # The waiting process is no forked copy left unmeasured, nor a process that never ended.
        self.assertEqual(unmeasured, [])
        fills = first["tests/test_cache.py::test_fills"]["retainedBytes"]
        self.assertGreater(fills, 20 * 1000)

        # The deep pass: one test, its body called again; it starts from the state collection
        # left, so its first call fills the cache again, as a new pytest's would.
        deep = self.make_temp_dir()
        tests = os.path.join(self.make_temp_dir(), "tests.txt")
        with open(tests, "w") as file:
            file.write("tests/test_cache.py::test_fills\n")
        self.ask(session, 2, {"environ": {
            "ALLOCDIFF_COMMAND_DIR": deep, "ALLOCDIFF_TESTS": tests, "ALLOCDIFF_REPEATS": "3",
        }})
        self.wait_for(os.path.join(session, "pass-2.done"), process)
        second, _ = self.scenarios(root, deep)
        self.assertEqual(sorted(second), ["tests/test_cache.py::test_fills"])
        # The deep pass counts the tests it recorded, one byte each, for allocdiff's log; the
        # first run does not.
        self.assertEqual(self.progress(partials), 0)
        self.assertEqual(self.progress(deep), 1)
        repeats = second["tests/test_cache.py::test_fills"]["repeats"]
        self.assertEqual(len(repeats), 3)
        self.assertEqual(second["tests/test_cache.py::test_fills"]["retainedBytes"], fills)

        self.ask(session, 3, {"stop": True})
        output = process.communicate(timeout=60)[0].decode()
        self.assertEqual(process.returncode, 0, output)
        self.assertIn("1 passed, 1 deselected", output)
        with open(starts) as file:
            self.assertEqual(len(file.read().split()), 1, "pytest started more than once")

    def test_a_session_started_ahead_waits_for_its_first_pass_and_the_tests_it_skips(self):
        root = self.make_project(SUITE)
        process, partials, session, starts = self.start(root, {"ALLOCDIFF_SESSION_FIRST": "wait"})
        self.wait_for(os.path.join(session, "serving"), process)
        time.sleep(0.5)
        # Collected, and waiting: no test ran yet.
        self.assertFalse(os.path.exists(os.path.join(session, "pass-1.done")))
        self.assertEqual(os.listdir(partials), [])
        first = self.make_temp_dir()
        skip = os.path.join(self.make_temp_dir(), "skip.txt")
        with open(skip, "w") as file:
            file.write("tests/test_cache.py::test_plain\n")
        self.ask(session, 1, {"environ": {
            "ALLOCDIFF_COMMAND_DIR": first, "ALLOCDIFF_SKIP_TESTS": skip,
        }})
        self.wait_for(os.path.join(session, "pass-1.done"), process)
        measured, _ = self.scenarios(root, first)
        self.assertEqual(sorted(measured), ["tests/test_cache.py::test_fills"])
        self.ask(session, 2, {"stop": True})
        output = process.communicate(timeout=60)[0].decode()
        self.assertEqual(process.returncode, 0, output)
        self.assertIn("1 passed, 1 deselected", output)
        with open(starts) as file:
            self.assertEqual(len(file.read().split()), 1, "pytest started more than once")

    def test_a_session_started_ahead_that_cannot_serve_runs_no_test(self):
        root = self.make_project(dict(SUITE, **{"tests/test_broken.py": "import missing_mod\n"}))
        process, _, session, _ = self.start(
            root,
            {
                "ALLOCDIFF_SESSION_FIRST": "wait",
                "PYTEST_ADDOPTS": "--continue-on-collection-errors",
            },
        )
        output = process.communicate(timeout=60)[0].decode()
        self.assertTrue(os.path.exists(os.path.join(session, "cannot-serve")), output)
        self.assertNotIn("passed", output)

    def test_a_session_nobody_asks_more_of_ends_by_itself(self):
        root = self.make_project(SUITE)
        process, _, session, _ = self.start(root, {"ALLOCDIFF_SESSION_WAIT": "1"})
        output = process.communicate(timeout=60)[0].decode()
        self.assertTrue(os.path.exists(os.path.join(session, "pass-1.done")), output)
        self.assertEqual(process.returncode, 0, output)
        self.assertIn("allocdiff: the pytest session ends: no further pass was asked for", output)

    def test_the_first_pass_status_is_the_sessions(self):
        root = self.make_project(
            dict(SUITE, **{"tests/test_fails.py": "def test_fails():\n    assert False\n"})
        )
        process, _, session, _ = self.start(root)
        self.wait_for(os.path.join(session, "pass-1.done"), process)
        with open(os.path.join(session, "pass-1.done")) as file:
            self.assertEqual(file.read(), "1")
        self.ask(session, 2, {"stop": True})
        process.communicate(timeout=60)
        self.assertEqual(process.returncode, 1)

    def test_a_temporary_file_costs_a_test_the_same_whichever_test_of_the_pass_is_first(self):
        # tempfile names its files with a random generator made anew in each process (its pid
        # changed): the first test of a forked pass to make a temporary file would pay for it.
        root = self.make_project(
            {
                "tests/test_temp.py": """\
                    import os
                    import tempfile

                    def test_makes_a_file():
                        handle, path = tempfile.mkstemp()
                        os.close(handle)
                        os.remove(path)

                    def test_makes_a_named_file():
                        with tempfile.NamedTemporaryFile() as file:
                            file.write(b"data")
                    """,
            }
        )
        process, partials, session, _ = self.start(root)
        self.wait_for(os.path.join(session, "pass-1.done"), process)
        first, _ = self.scenarios(root, partials)
        deep = self.make_temp_dir()
        tests = os.path.join(self.make_temp_dir(), "tests.txt")
        with open(tests, "w") as file:
            file.write("tests/test_temp.py::test_makes_a_named_file\n")
        self.ask(session, 2, {"environ": {"ALLOCDIFF_COMMAND_DIR": deep, "ALLOCDIFF_TESTS": tests}})
        self.wait_for(os.path.join(session, "pass-2.done"), process)
        second, _ = self.scenarios(root, deep)
        self.ask(session, 3, {"stop": True})
        process.communicate(timeout=60)

        named = "tests/test_temp.py::test_makes_a_named_file"
        # Second in the first pass, first in the deep pass: the same figure.
        self.assertEqual(second[named]["retainedBytes"], first[named]["retainedBytes"])
        # The first test of the first pass to make one pays no more than a later test would.
        self.assertLess(first["tests/test_temp.py::test_makes_a_file"]["retainedBytes"], 1024)
        self.assertLess(first[named]["retainedBytes"], 1024)

    def test_collection_errors_end_the_run_as_pytest_would_with_no_session(self):
        root = self.make_project(dict(SUITE, **{"tests/test_broken.py": "import missing_mod\n"}))
        process, partials, session, _ = self.start(root)
        output = process.communicate(timeout=60)[0].decode()
        self.assertEqual(process.returncode, 2, output)
        self.assertFalse(os.path.exists(os.path.join(session, "serving")))
        self.assertFalse(os.path.exists(os.path.join(session, "pass-1.done")))


# A conftest.py whose session finish, terminal summary and exit handler each append
# ``<what> <pid>`` to the file ``HOOKS_FILE`` names.
FINISH_HOOKS = """\
    import atexit
    import os

    def _note(what):
        with open(os.environ["HOOKS_FILE"], "a") as hooks:
            hooks.write("%s %d\\n" % (what, os.getpid()))

    atexit.register(_note, "atexit")

    def pytest_sessionfinish(session):
        _note("sessionfinish")

    def pytest_terminal_summary(terminalreporter):
        _note("terminal_summary")
    """

FAILING = """\
    def test_fails():
        expected = 2
        assert 1 + 0 == expected
    """


def _hooks_run(path):
    """``{pid: [what ran]}`` of the lines ``FINISH_HOOKS`` wrote."""
    found = {}
    if os.path.exists(path):
        with open(path) as file:
            for line in file.read().split("\n"):
                if line:
                    what, pid = line.split()
                    found.setdefault(int(pid), []).append(what)
    return found


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PassEndTest(SessionTestCase):
    """A pass ends as soon as its results are written: no plugin's or conftest's session finish
    or terminal summary runs in it, but its exit handlers do, and pytest's own report of its
    failures is in its output."""

    def suite(self, extra=None):
        files = dict(SUITE)
        files["tests/conftest.py"] = textwrap.dedent(SUITE["tests/conftest.py"]) + textwrap.dedent(
            FINISH_HOOKS
        )
        files.update(extra or {})
        return self.make_project(files)

    def test_a_pass_ends_once_its_results_are_written(self):
        root = self.suite({"tests/test_fails.py": FAILING})
        hooks = os.path.join(self.make_temp_dir(), "hooks.txt")
        process, partials, session, _ = self.start(root, {"HOOKS_FILE": hooks})
        self.wait_for(os.path.join(session, "pass-1.done"), process)
        with open(os.path.join(session, "pass-1.done")) as file:
            self.assertEqual(file.read(), "1")
        measured, _ = self.scenarios(root, partials)
        self.assertEqual(measured["tests/test_fails.py::test_fails"]["status"], "failed")
        self.assertEqual(measured["tests/test_cache.py::test_plain"]["status"], "ok")
        [child] = [name for name in os.listdir(partials) if name.endswith(".json")]
        pid = int(child.split("-")[0])
        # Its exit handlers ran (the harness's wrote its results); pytest's finish did not.
        self.assertEqual(_hooks_run(hooks), {pid: ["atexit"]})

        self.ask(session, 2, {"stop": True})
        output = process.communicate(timeout=60)[0].decode()
        self.assertEqual(process.returncode, 1, output)
        # pytest's own report of the failure, as its terminal shows it at the end.
        self.assertRegex(output, r"(?m)^E +assert \(1 \+ 0\) == 2$")
        self.assertRegex(output, r"(?m)^tests/test_fails\.py:3: AssertionError$")
        self.assertIn("FAILED tests/test_fails.py::test_fails", output)
        self.assertRegex(output, r"1 failed, 2 passed in [0-9.]+s")
        # Nor did the waiting session finish as pytest does.
        self.assertEqual(list(_hooks_run(hooks)), [pid])

    def test_a_pass_that_ran_no_test_ends_with_the_status_it_asked_for(self):
        root = self.suite()
        hooks = os.path.join(self.make_temp_dir(), "hooks.txt")
        tests = os.path.join(self.make_temp_dir(), "tests.txt")
        with open(tests, "w") as file:
            file.write("tests/test_cache.py::test_gone\n")
        deep = self.make_temp_dir()
        process, _, session, _ = self.start(root, {"HOOKS_FILE": hooks})
        self.wait_for(os.path.join(session, "pass-1.done"), process)
        self.ask(session, 2, {"environ": {"ALLOCDIFF_COMMAND_DIR": deep, "ALLOCDIFF_TESTS": tests}})
        self.wait_for(os.path.join(session, "pass-2.done"), process)
        with open(os.path.join(session, "pass-2.done")) as file:
            self.assertEqual(file.read(), "0")
        self.ask(session, 3, {"stop": True})
        process.communicate(timeout=60)
        self.assertEqual([whats for whats in _hooks_run(hooks).values()], [["atexit"]] * 2)

    def test_an_interrupted_pass_finishes_as_pytest_does(self):
        root = self.suite(
            {"tests/test_stop.py": "def test_stops():\n    raise KeyboardInterrupt\n"}
        )
        hooks = os.path.join(self.make_temp_dir(), "hooks.txt")
        process, _, session, _ = self.start(root, {"HOOKS_FILE": hooks})
        self.wait_for(os.path.join(session, "pass-1.done"), process)
        with open(os.path.join(session, "pass-1.done")) as file:
            self.assertEqual(file.read(), "2")
        self.ask(session, 2, {"stop": True})
        output = process.communicate(timeout=60)[0].decode()
        self.assertIn("KeyboardInterrupt", output)
        [ran] = _hooks_run(hooks).values()
        self.assertEqual(sorted(ran), ["atexit", "sessionfinish", "terminal_summary"])

    def test_pytest_run_by_hand_with_the_plugin_finishes_as_usual(self):
        root = self.suite({"tests/test_fails.py": FAILING})
        hooks = os.path.join(self.make_temp_dir(), "hooks.txt")
        env = dict(os.environ, PYTHONPATH=HARNESS_PARENT, PYTHONDONTWRITEBYTECODE="1")
        env.update(HOOKS_FILE=hooks, STARTS_FILE=os.path.join(self.make_temp_dir(), "s.txt"))
        env.pop("PYTEST_PLUGINS", None)
        run = subprocess.run(
            [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
             "allocdiff_harness.pytest_plugin", "tests"],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
        )
        self.assertEqual(run.returncode, 1, run.stdout.decode())
        [ran] = _hooks_run(hooks).values()
        self.assertEqual(sorted(ran), ["atexit", "sessionfinish", "terminal_summary"])

    def reads(self, root, hooks, alone):
        """The reads pass over ``root``'s tests; ``alone``: the command is pytest alone."""
        partials = self.make_temp_dir()
        env = dict(os.environ)
        env.pop("PYTEST_PLUGINS", None)
        env.update(
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONPATH=INJECT_DIR,
            ALLOCDIFF_COMMAND_DIR=partials,
            ALLOCDIFF_ROOT=root,
            ALLOCDIFF_RECORD_READS="1",
            HOOKS_FILE=hooks,
            STARTS_FILE=os.path.join(self.make_temp_dir(), "starts.txt"),
        )
        if alone:
            env["ALLOCDIFF_PYTEST_ALONE"] = "1"
        run = subprocess.run(
            [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
        )
        [written] = [name for name in os.listdir(partials) if name.endswith(".reads.json")]
        with open(os.path.join(partials, written)) as file:
            tests = sorted(test[0] for test in json.load(file)["tests"])
        return run, tests

    def test_the_reads_pass_of_pytest_alone_ends_once_the_reads_are_written(self):
        root = self.suite({"tests/test_fails.py": FAILING})
        everything = [
            "tests/test_cache.py::test_fills",
            "tests/test_cache.py::test_plain",
            "tests/test_fails.py::test_fails",
        ]
        hooks = os.path.join(self.make_temp_dir(), "alone.txt")
        run, tests = self.reads(root, hooks, alone=True)
        self.assertEqual(run.returncode, 1, run.stdout.decode())
        self.assertEqual(tests, everything)
        self.assertIn("FAILED tests/test_fails.py::test_fails", run.stdout.decode())
        [ran] = _hooks_run(hooks).values()
        self.assertEqual(ran, ["atexit"])
        # A command that is more than pytest: its pytest finishes as usual.
        hooks = os.path.join(self.make_temp_dir(), "more.txt")
        run, tests = self.reads(root, hooks, alone=False)
        self.assertEqual(tests, everything)
        [ran] = _hooks_run(hooks).values()
        self.assertEqual(sorted(ran), ["atexit", "sessionfinish", "terminal_summary"])


if __name__ == "__main__":
    sys.exit(unittest.main())
