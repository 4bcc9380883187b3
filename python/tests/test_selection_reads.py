"""The reads pass of pytest test selection: the files whose code ran during each test.

Each way the recorder can note running code (selection._code_profiler picks one per
interpreter) must find, per test, exactly the files the plain profile hook
(``sys.setprofile``, which sees every call) finds, on a suite with nested calls, generators
resumed in a later test, functions called back from C, class bodies, module-level code of an
import made during a test, fixtures and threads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unittest

from tests.support import HARNESS_PARENT, HarnessTestCase
from tests.test_command import INJECT_DIR, PYTHON, pytest_available

SUITE = {
    "pkg/__init__.py": "",
    "pkg/arith.py": """\
        from . import deep

        def add(a, b):
            return deep.same(a) + b

        def total(values):
            return sum(add(v, 0) for v in values)
        """,
    "pkg/deep.py": """\
        def same(value):
            return value
        """,
    "pkg/keys.py": """\
        def by_length(text):
            return len(text)
        """,
    "pkg/gens.py": """\
        def counter():
            n = 0
            while True:
                n += 1
                yield n
        """,
    "pkg/shapes.py": """\
        def make_class():
            class Shape:
                sides = 4

            return Shape
        """,
    "pkg/lazy.py": """\
        VALUE = [i * 2 for i in range(3)]
        """,
    "pkg/worker.py": """\
        def work(out):
            out.append(1)
        """,
    "pkg/fixture_help.py": """\
        def prepare():
            return {"ready": True}
        """,
    "pkg/unused.py": """\
        def never():
            return 0
        """,
    "tests/__init__.py": "",
    "tests/conftest.py": """\
        import pytest

        from pkg import fixture_help, gens


        @pytest.fixture
        def prepared():
            return fixture_help.prepare()


        @pytest.fixture(scope="module")
        def numbers():
            generator = gens.counter()
            next(generator)
            return generator
        """,
    "tests/test_suite.py": """\
        import threading

        from pkg import arith, keys, shapes, unused, worker


        def test_nothing_of_the_package():
            assert unused is not None


        def test_nested_calls():
            assert arith.total([1, 2, 3]) == 6


        def test_key_callback_from_c():
            assert sorted(["ccc", "a", "bb"], key=keys.by_length) == ["a", "bb", "ccc"]


        def test_generator_started(numbers):
            assert next(numbers) == 2


        def test_generator_resumed_only(numbers):
            assert next(numbers) == 3


        def test_class_body():
            assert shapes.make_class().sides == 4


        def test_import_during_test():
            from pkg import lazy

            assert lazy.VALUE == [0, 2, 4]


        def test_fixture(prepared):
            assert prepared["ready"]


        def test_thread():
            out = []
            thread = threading.Thread(target=worker.work, args=(out,))
            thread.start()
            thread.join()
            assert out == [1]

        """,
}

# Runs the suite as the reads pass does (sitecustomize injected), with the recorder noting code
# the way argv[1] names, and prints each test's code files (relative to the root).
DRIVER = """\
import json, sys
from allocdiff_harness import command, selection
import pytest
way = sys.argv[1]
if way != "default":
    selection._code_profiler = {
        "hook": lambda recorder: selection._ProfileHook(),
        "cprofile": lambda recorder: selection._CProfile(__import__("_lsprof")),
    }[way]
code = pytest.main(["-q", "-p", "no:cacheprovider", "tests"])
recorder = command.reads_recorder()
json.dump(
    {
        "code": {
            nodeid: sorted(recorder._paths(entry[0].code))
            for nodeid, entry in recorder.tests.items()
        },
        "profiler": type(recorder._profiler).__name__,
    },
    sys.stderr,
)
sys.exit(code)
"""


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class CodeRunPerTestTest(HarnessTestCase):
    def record(self, root, way):
        partials = self.make_temp_dir()
        env = dict(os.environ)
        env.pop("PYTEST_PLUGINS", None)
        env.update(
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONPATH=os.pathsep.join([INJECT_DIR, HARNESS_PARENT]),
            ALLOCDIFF_COMMAND_DIR=partials,
            ALLOCDIFF_ROOT=root,
            ALLOCDIFF_RECORD_READS="1",
        )
        run = subprocess.run(
            [PYTHON, "-c", DRIVER, way],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=120,
        )
        self.assertEqual(run.returncode, 0, run.stdout.decode() + run.stderr.decode())
        return json.loads(run.stderr.decode().strip().splitlines()[-1])

    def test_every_way_finds_the_files_the_profile_hook_finds(self):
        root = self.make_project(SUITE)
        expected = self.record(root, "hook")
        self.assertEqual(expected["profiler"], "_ProfileHook")
        code = expected["code"]
        # What the hook sees, which each way must see too.
        self.assertEqual(
            code["tests/test_suite.py::test_nested_calls"],
            ["pkg/arith.py", "pkg/deep.py", "tests/test_suite.py"],
        )
        self.assertIn("pkg/keys.py", code["tests/test_suite.py::test_key_callback_from_c"])
        self.assertIn("pkg/gens.py", code["tests/test_suite.py::test_generator_resumed_only"])
        self.assertIn("pkg/shapes.py", code["tests/test_suite.py::test_class_body"])
        self.assertIn("pkg/lazy.py", code["tests/test_suite.py::test_import_during_test"])
        self.assertIn("pkg/fixture_help.py", code["tests/test_suite.py::test_fixture"])
        self.assertIn("pkg/worker.py", code["tests/test_suite.py::test_thread"])
        # The module's last teardown closes the module fixture's generator (a throw into it).
        self.assertIn("pkg/gens.py", code["tests/test_suite.py::test_thread"])
        self.assertEqual(
            code["tests/test_suite.py::test_nothing_of_the_package"], ["tests/test_suite.py"]
        )
        self.assertEqual(len(code), 9)

        default = self.record(root, "default")
        self.assertEqual(
            default["profiler"], "_Monitoring" if sys.version_info >= (3, 12) else "_CProfile"
        )
        self.assertEqual(default["code"], code)
        self.assertEqual(self.record(root, "cprofile")["code"], code)

    @unittest.skipUnless(hasattr(sys, "monitoring"), "sys.monitoring is new in Python 3.12")
    def test_the_profile_hook_when_no_monitoring_tool_id_is_free(self):
        from allocdiff_harness import selection

        taken = []
        for tool in (3, 4):
            if sys.monitoring.get_tool(tool) is None:
                sys.monitoring.use_tool_id(tool, "another tool")
                taken.append(tool)
        try:
            profiler = selection._code_profiler(selection.Recorder(self.make_temp_dir()))
            self.assertIsInstance(profiler, selection._ProfileHook)
        finally:
            for tool in taken:
                sys.monitoring.free_tool_id(tool)
        profiler = selection._code_profiler(selection.Recorder(self.make_temp_dir()))
        try:
            self.assertIsInstance(profiler, selection._Monitoring)
        finally:
            profiler.close()


if __name__ == "__main__":
    unittest.main()
