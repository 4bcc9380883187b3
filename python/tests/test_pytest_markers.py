"""The pytest plugin as a plugin of its own: budget markers registered and recorded per test."""

from __future__ import annotations

import os
import subprocess
import unittest

from tests.support import HARNESS_PARENT
from tests.test_command import PYTHON, CommandTestCase, pytest_available

MARKED_TESTS = {
    "tests/test_marked.py": """\
        import pytest

        KEEP = []

        @pytest.mark.allocdiff(retained="+10KB", peak="64MB, +5% (warn)")
        def test_allocdiff_budgets():
            KEEP.append(bytearray(100))

        @pytest.mark.limit_memory("24 MB")
        def test_memray_peak():
            data = [bytes(10) for _ in range(100)]
            assert data

        @pytest.mark.limit_leaks("1 MB", filter_fn=lambda stack: True)
        def test_memray_leaks():
            KEEP.append(bytearray(10))

        def test_plain():
            KEEP.append(1)

        @pytest.mark.allocdiff(peak="1MB")
        class TestGroup:
            @pytest.mark.allocdiff(retained=1000)
            def test_in_class(self):
                pass
        """,
}


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class BudgetMarkersTest(CommandTestCase):
    def test_each_tests_budget_markers_are_in_its_scenario_as_written(self):
        root = self.make_project(MARKED_TESTS)
        run = self.run_command(
            root, "%s -m pytest -q -p no:cacheprovider --strict-markers tests" % PYTHON
        )
        self.assertEqual(run.returncode, 0, run.output)
        markers = {
            name.split("::", 1)[1]: run.named(name).get("budgetMarkers") for name in run.names
        }
        self.assertEqual(
            markers["test_allocdiff_budgets"],
            [
                {
                    "name": "allocdiff",
                    "args": [],
                    "kwargs": [["retained", "+10KB"], ["peak", "64MB, +5% (warn)"]],
                }
            ],
        )
        self.assertEqual(
            markers["test_memray_peak"], [{"name": "limit_memory", "args": ["24 MB"], "kwargs": []}]
        )
        [leaks] = markers["test_memray_leaks"]
        self.assertEqual((leaks["name"], leaks["args"]), ("limit_leaks", ["1 MB"]))
        [[key, value]] = leaks["kwargs"]
        # A function cannot be written as JSON: its type and repr say what it was.
        self.assertEqual((key, value["type"]), ("filter_fn", "function"))
        self.assertIn("lambda", value["repr"])
        self.assertIsNone(markers["test_plain"])
        # The test's own marker first, then its class's; numbers are kept as numbers.
        self.assertEqual(
            markers["TestGroup::test_in_class"],
            [
                {"name": "allocdiff", "args": [], "kwargs": [["retained", 1000]]},
                {"name": "allocdiff", "args": [], "kwargs": [["peak", "1MB"]]},
            ],
        )


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class MarkerValueTest(unittest.TestCase):
    def test_values_json_cannot_hold_exactly_are_kept_as_type_and_repr(self):
        from allocdiff_harness.pytest_plugin import marker_value

        class Unshowable:
            def __repr__(self):
                raise ValueError("no")

        self.assertEqual(
            [marker_value(v) for v in ("24 MB", 1000, 1.5, True, None)],
            ["24 MB", 1000, 1.5, True, None],
        )
        self.assertEqual(marker_value(float("nan")), {"type": "float", "repr": "nan"})
        self.assertEqual(marker_value(2**60), {"type": "int", "repr": str(2**60)})
        self.assertEqual(marker_value(["1 MB"]), {"type": "list", "repr": "['1 MB']"})
        self.assertEqual(marker_value(Unshowable())["repr"], "<Unshowable object>")


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PluginOnItsOwnTest(CommandTestCase):
    """``pytest -p allocdiff_harness.pytest_plugin`` outside an allocdiff run."""

    def run_pytest(self, root, *args):
        env = dict(os.environ, PYTHONPATH=HARNESS_PARENT, PYTHONDONTWRITEBYTECODE="1")
        for name in ("PYTEST_PLUGINS", "ALLOCDIFF_COMMAND_DIR", "PYTEST_ADDOPTS"):
            env.pop(name, None)
        completed = subprocess.run(
            [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=120,
        )
        return completed.returncode, completed.stdout.decode("utf-8", "replace")

    def test_its_markers_pass_strict_markers_which_fail_without_it(self):
        root = self.make_project(MARKED_TESTS)
        code, output = self.run_pytest(root, "--strict-markers", "tests")
        self.assertEqual(code, 2, output)  # without the plugin: not registered
        self.assertIn("'allocdiff' not found in `markers` configuration option", output)
        code, output = self.run_pytest(
            root, "-p", "allocdiff_harness.pytest_plugin", "--strict-markers", "tests"
        )
        self.assertEqual(code, 0, output)
        self.assertIn("5 passed", output)

    def test_markers_are_described(self):
        root = self.make_project(MARKED_TESTS)
        code, output = self.run_pytest(root, "-p", "allocdiff_harness.pytest_plugin", "--markers")
        self.assertEqual(code, 0, output)
        for name in ("allocdiff", "limit_memory", "limit_leaks"):
            self.assertIn("@pytest.mark.%s(" % name, output)


if __name__ == "__main__":
    unittest.main()
