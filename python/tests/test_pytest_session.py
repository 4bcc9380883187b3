"""A pytest session that serves allocdiff's passes: collected once, each pass in a forked child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PytestSessionTest(CommandTestCase):
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

    def test_collection_errors_end_the_run_as_pytest_would_with_no_session(self):
        root = self.make_project(dict(SUITE, **{"tests/test_broken.py": "import missing_mod\n"}))
        process, partials, session, _ = self.start(root)
        output = process.communicate(timeout=60)[0].decode()
        self.assertEqual(process.returncode, 2, output)
        self.assertFalse(os.path.exists(os.path.join(session, "serving")))
        self.assertFalse(os.path.exists(os.path.join(session, "pass-1.done")))


if __name__ == "__main__":
    sys.exit(unittest.main())
