"""Retention paths in command mode: a pytest test's first measured call in a deep pass (and a
whole process) finds what keeps the objects of the sites asked for alive, from the test's
fixtures among the roots; only the scenarios asked for walk."""

from __future__ import annotations

import os
import unittest

from allocdiff_harness import retention
from tests.test_command import PYTHON, CommandTestCase, pytest_available

FILES = {
    "app/__init__.py": "",
    "app/history.py": """\
        _history = []

        def record(size):
            _history.append(bytearray(size))
        """,
    "app/compute.py": """\
        import functools

        @functools.lru_cache(maxsize=None)
        def table(n):
            return bytearray(1000 + n)
        """,
    "tests/conftest.py": """\
        import pytest

        @pytest.fixture(scope="session")
        def registry():
            return []
        """,
    "tests/test_leaks.py": """\
        from app import compute
        from app.history import record

        def test_module_list():
            for _ in range(20):
                record(2000)

        def test_session_fixture(registry):
            for _ in range(20):
                registry.append(bytearray(3000))

        def test_lru_cache():
            for n in range(20):
                compute.table(n)

        def test_not_asked():
            record(5000)

        HELD = []

        def test_own_global():
            HELD.append(bytearray(7000))
        """,
    "bench.py": """\
        from app.history import record

        KEPT = []
        for _ in range(10):
            KEPT.append(bytearray(4000))
        """,
}

LIST_SITE = "app/history.py:4"
FIXTURE_SITE = "tests/test_leaks.py:10"
CACHE_SITE = "app/compute.py:5"
OWN_SITE = "tests/test_leaks.py:22"


def node(test: str) -> str:
    return "tests/test_leaks.py::%s" % test


class RetentionRun:
    """What a deep pass's snapshot says of the retention paths of its scenarios."""

    def __init__(self, run):
        self.run = run
        self.strings = run.snapshot["strings"]

    def retention(self, name: str):
        return self.run.named(name).get("retention")

    def paths(self, name: str, site: str) -> list:
        file, _, line = site.rpartition(":")
        retention = self.retention(name)
        if retention is None:
            raise AssertionError("%s: no retention paths\n%s" % (name, self.run.output))
        for entry in retention["sites"]:
            if self.strings[entry["file"]] == file and entry["line"] == int(line):
                return entry["paths"]
        raise AssertionError("%s: no paths for %s in %s" % (name, site, retention))


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PytestRetentionTest(CommandTestCase):
    def deep_env(self, sites, scenarios, tests=None) -> dict:
        folder = self.make_temp_dir()
        files = {
            "ALLOCDIFF_RETENTION_SITES": sites,
            "ALLOCDIFF_RETENTION_SCENARIOS": scenarios,
            "ALLOCDIFF_TESTS": tests if tests is not None else scenarios,
        }
        env = {"ALLOCDIFF_REPEATS": "2"}
        for variable, lines in files.items():
            path = os.path.join(folder, variable.lower() + ".txt")
            with open(path, "w") as file:
                file.write("".join(line + "\n" for line in lines))
            env[variable] = path
        return env

    def deep_pass(self, root, **env) -> RetentionRun:
        run = self.run_command(
            root, "%s -m pytest -q -p no:cacheprovider tests" % PYTHON, env=self.deep_env(**env)
        )
        self.assertEqual(run.returncode, 0, run.output)
        return RetentionRun(run)

    def test_a_test_names_the_module_global_the_fixture_and_the_cache_that_keep_its_objects(self):
        root = self.make_project(FILES)
        tests = [node(name) for name in ("test_module_list", "test_session_fixture",
                                         "test_lru_cache", "test_own_global")]
        run = self.deep_pass(
            root, sites=[LIST_SITE, FIXTURE_SITE, CACHE_SITE, OWN_SITE], scenarios=tests
        )

        [held] = run.paths(node("test_module_list"), LIST_SITE)
        self.assertEqual((held["kind"], held["holder"], held["holderType"], held["name"]),
                         ("module global", "app.history._history", "list", "_history"))
        self.assertEqual(held["sampled"], 20)

        [fixture] = run.paths(node("test_session_fixture"), FIXTURE_SITE)
        self.assertEqual(
            (fixture["kind"], fixture["root"], fixture["holder"], fixture["name"]),
            ("fixture", "registry (session)", "registry", "registry"),
        )
        self.assertEqual(fixture["path"], "registry[…]")
        self.assertGreaterEqual(fixture["bytes"], 20 * 3000)

        [cache] = run.paths(node("test_lru_cache"), CACHE_SITE)
        self.assertEqual((cache["kind"], cache["holder"], cache["holderType"]),
                         ("module global", "app.compute.table", retention.LRU_CACHE))
        self.assertNotIn(".?", cache["path"])

        # The test module's own global.
        [own] = run.paths(node("test_own_global"), OWN_SITE)
        self.assertEqual((own["kind"], own["holder"]), ("module global", "test_leaks.HELD"))

        # The further measured calls stand as they were: two per test.
        for test in tests:
            self.assertEqual(len(run.run.named(test)["repeats"]), 2, test)

    def test_only_the_scenarios_asked_for_walk(self):
        root = self.make_project(FILES)
        asked = node("test_module_list")
        other = node("test_not_asked")
        run = self.deep_pass(root, sites=[LIST_SITE], scenarios=[asked], tests=[asked, other])
        self.assertIsNotNone(run.retention(asked))
        # It holds objects of the site too, in the same list: not asked, it does not walk.
        self.assertGreaterEqual(run.run.site(other, "app/history.py", 4)["size"], 5000)
        self.assertIsNone(run.retention(other))

    def test_a_test_that_holds_nothing_at_the_sites_does_not_walk(self):
        root = self.make_project(FILES)
        test = node("test_lru_cache")
        run = self.deep_pass(root, sites=[LIST_SITE], scenarios=[test])
        self.assertIsNone(run.retention(test))

    def test_the_paths_are_the_same_in_every_run(self):
        root = self.make_project(FILES)
        tests = [node("test_module_list"), node("test_session_fixture")]
        env = dict(sites=[LIST_SITE, FIXTURE_SITE], scenarios=tests)
        runs = [self.deep_pass(root, **env) for _ in range(2)]

        def paths(run):
            return [
                [(p["kind"], p["root"], p["holder"], p["path"], p["sampled"])
                 for site in run.retention(test)["sites"] for p in site["paths"]]
                for test in tests
            ]

        self.assertEqual(paths(runs[0]), paths(runs[1]))

    def test_a_process_walks_from_its_main_globals(self):
        root = self.make_project(FILES)
        run = RetentionRun(
            self.run_command(
                root, "%s bench.py" % PYTHON,
                env=self.deep_env(sites=["bench.py:5"], scenarios=["bench.py"]),
            )
        )
        [kept] = run.paths("bench.py", "bench.py:5")
        self.assertEqual((kept["kind"], kept["holder"], kept["sampled"]),
                         ("benchmark global", "KEPT", 10))


if __name__ == "__main__":
    unittest.main()
