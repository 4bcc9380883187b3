"""Each side imports its own code: the checkout wins on sys.path and in editable-install
finders, and a module still imported from another root of the repository fails the side."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
import types
import unittest

from allocdiff_harness.checkout import (
    ERROR_TYPE,
    IMPORT_PATHS_VARIABLE,
    ROOTS_VARIABLE,
    Checkout,
)
from tests.support import HARNESS_PARENT, HarnessTestCase
from tests.test_command import PYTHON, CommandTestCase, pytest_available

CATALOG_BASE = """\
    class Catalog:
        def __init__(self):
            self.kept = []

        def load(self, record):
            return len(record)
    """
CATALOG_HEAD = """\
    class Catalog:
        def __init__(self):
            self.kept = []

        def load(self, record):
            self.kept.append(record)  # the leak
            return len(record)
    """
# The README's layout: the benchmark in benchmarks/, the package at the repository's root.
BENCHMARK = """\
    from mypkg.catalog import Catalog

    catalog = Catalog()
    for number in range(100):
        catalog.load(bytes(1000))
    """


def lines_of(sites: list, file: str) -> list:
    return sorted(site["line"] for site in sites if site["file"] == file and site["size"] > 0)


def write_files(root: str, files: dict) -> None:
    for relative, content in files.items():
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as file:
            file.write(textwrap.dedent(content))


class RepositoryTestCase(HarnessTestCase):
    def make_repository(self, base: dict, head: dict) -> tuple[str, str, str]:
        """``(base checkout, head checkout, workspace)``: the checkouts side by side, at paths
        of equal length as allocdiff makes them; the workspace holds head, as in CI."""
        parent = os.path.realpath(self.make_temp_dir())
        base_dir, head_dir = os.path.join(parent, "base"), os.path.join(parent, "head")
        workspace = os.path.realpath(self.make_temp_dir())
        write_files(base_dir, base)
        write_files(head_dir, head)
        write_files(workspace, head)
        return base_dir, head_dir, workspace

    def roots_env(self, *roots: str, import_paths=None) -> dict:
        env = {ROOTS_VARIABLE: os.pathsep.join(roots)}
        if import_paths is not None:
            env[IMPORT_PATHS_VARIABLE] = os.pathsep.join(import_paths)
        return env


class PrepareTest(RepositoryTestCase):
    def setUp(self):
        self.base, self.head, self.workspace = self.make_repository(
            {"mypkg/__init__.py": "", "src/other/__init__.py": ""},
            {"mypkg/__init__.py": ""},
        )
        self.checkout = Checkout(self.base, [self.workspace, self.head, self.base])
        self.stdlib = os.path.dirname(os.__file__)
        self.site = os.path.join(self.make_temp_dir(), "lib", "site-packages")

    def test_the_checkouts_import_paths_go_after_the_standard_library_ahead_of_site_packages(self):
        path = ["/script/dir", self.stdlib, self.site, "/elsewhere"]
        added = self.checkout.prepare(path, [], {})
        self.assertEqual(added, [os.path.join(self.base, "src"), self.base])
        self.assertEqual(
            path,
            ["/script/dir", self.stdlib, os.path.join(self.base, "src"), self.base, self.site,
             "/elsewhere"],
        )

    def test_an_import_path_already_ahead_is_not_added_twice(self):
        path = [self.base, self.stdlib, self.site]
        self.checkout.prepare(path, [], {})
        self.assertEqual(path, [self.base, self.stdlib, os.path.join(self.base, "src"), self.site])

    def test_pth_entries_in_another_root_move_to_the_same_place_in_this_checkout(self):
        # What an editable install leaves: the workspace (or its src/) as a path entry.
        path = [self.stdlib, self.site, self.workspace, os.path.join(self.head, "src", "x")]
        self.checkout.prepare(path, [], {})
        self.assertEqual(
            path,
            [self.stdlib, os.path.join(self.base, "src"), self.base, self.site,
             os.path.join(self.base, "src", "x")],
        )

    def test_paths_outside_the_repository_and_a_virtualenv_in_the_workspace_stay(self):
        venv = os.path.join(self.workspace, ".venv", "lib", "python3", "site-packages")
        path = [self.stdlib, venv, "/opt/tools", self.site]
        self.checkout.prepare(path, [], {})
        self.assertEqual(
            path,
            [self.stdlib, os.path.join(self.base, "src"), self.base, venv, "/opt/tools",
             self.site],
        )

    def test_an_interpreter_installed_inside_the_workspace_is_the_environment(self):
        prefix = os.path.join(self.workspace, ".python")
        stdlib = os.path.join(prefix, "lib", "python3")
        checkout = Checkout(self.base, [self.workspace], prefixes=[prefix, "/usr"])
        path = [stdlib, self.site]
        checkout.prepare(path, [], {})
        self.assertEqual(path, [stdlib, os.path.join(self.base, "src"), self.base, self.site])
        json_module = types.ModuleType("json")
        json_module.__file__ = os.path.join(stdlib, "json", "__init__.py")
        self.assertEqual(checkout.foreign_modules({"json": json_module}), [])
        # A prefix the workspace is inside (Debian's /usr, a workspace in /usr/src) exempts
        # nothing.
        around = os.path.dirname(self.workspace)
        checkout = Checkout(self.base, [self.workspace], prefixes=[around])
        json_module.__file__ = os.path.join(self.workspace, "json.py")
        self.assertEqual(len(checkout.foreign_modules({"json": json_module})), 1)

    def test_import_paths_come_from_the_variable_and_stay_inside_the_checkout(self):
        os.makedirs(os.path.join(self.base, "lib"))
        checkout = Checkout(self.base, [], ["lib", "missing", "..", "../head", ""])
        self.assertEqual(checkout.own_paths(), [os.path.join(self.base, "lib"), self.base])
        # Without the variable: src/ only when it holds Python code.
        self.assertEqual(Checkout(self.head, []).own_paths(), [self.head])
        write_files(self.head, {"src/notes.txt": "not python"})
        self.assertEqual(Checkout(self.head, []).own_paths(), [self.head])
        write_files(self.head, {"src/tool.py": ""})
        self.assertEqual(
            Checkout(self.head, []).own_paths(), [os.path.join(self.head, "src"), self.head]
        )

    def test_a_setuptools_editable_finder_imports_from_this_checkout(self):
        # Its module holds MAPPING and NAMESPACES; the finder class is on sys.meta_path.
        finder_module = types.ModuleType("__editable___mypkg_0_1_finder")
        finder_module.MAPPING = {
            "mypkg": os.path.join(self.workspace, "mypkg"),
            "tool": "/opt/tool",
        }
        finder_module.NAMESPACES = {"ns": [os.path.join(self.head, "ns"), "/opt/ns"]}
        finder = type("_EditableFinder", (), {"__module__": finder_module.__name__})
        self.checkout.prepare([], [finder], {finder_module.__name__: finder_module})
        self.assertEqual(
            finder_module.MAPPING,
            {"mypkg": os.path.join(self.base, "mypkg"), "tool": "/opt/tool"},
        )
        self.assertEqual(
            finder_module.NAMESPACES, {"ns": [os.path.join(self.base, "ns"), "/opt/ns"]}
        )

    def test_the_editables_finder_imports_from_this_checkout(self):
        # hatchling's editable installs: a finder class with _redirections {module: path}.
        finder = type(
            "RedirectingFinder",
            (),
            {"_redirections": {"mypkg": os.path.join(self.workspace, "mypkg", "__init__.py")}},
        )
        self.checkout.prepare([], [finder], {})
        self.assertEqual(
            finder._redirections, {"mypkg": os.path.join(self.base, "mypkg", "__init__.py")}
        )

    def test_the_scikit_build_core_finder_imports_from_this_checkout(self):
        # An instance, inserted first on sys.meta_path, with dicts of files and of folder sets.
        finder = types.SimpleNamespace(
            known_source_files={"mypkg": os.path.join(self.workspace, "mypkg", "__init__.py")},
            known_wheel_files={"mypkg._core": os.path.join(self.site, "mypkg", "_core.so")},
            submodule_search_locations={"mypkg": {os.path.join(self.workspace, "mypkg")}},
        )
        self.checkout.prepare([], [finder], {})
        self.assertEqual(
            finder.known_source_files, {"mypkg": os.path.join(self.base, "mypkg", "__init__.py")}
        )
        self.assertEqual(
            finder.known_wheel_files, {"mypkg._core": os.path.join(self.site, "mypkg", "_core.so")}
        )
        self.assertEqual(
            finder.submodule_search_locations, {"mypkg": {os.path.join(self.base, "mypkg")}}
        )

    def test_foreign_modules_are_those_from_another_root_of_the_repository(self):
        def module(name, file):
            made = types.ModuleType(name)
            if file is not None:
                made.__file__ = file
            return made

        modules = {
            name: module(name, file)
            for name, file in [
                ("mypkg", os.path.join(self.base, "mypkg", "__init__.py")),
                ("mypkg.extra", os.path.join(self.workspace, "mypkg", "extra.py")),
                ("other", os.path.join(self.head, "other.py")),
                ("installed", os.path.join(self.workspace, "venv", "site-packages", "i.py")),
                ("harness", os.path.join(HARNESS_PARENT, "allocdiff_harness", "__init__.py")),
                ("json", json.__file__),
                ("builtin", None),
            ]
        }
        checkout = Checkout(self.base, [self.workspace, self.head], keep=[HARNESS_PARENT])
        self.assertEqual(
            checkout.foreign_modules(modules),
            [
                ("mypkg.extra", os.path.join(self.workspace, "mypkg", "extra.py"), self.workspace),
                ("other", os.path.join(self.head, "other.py"), self.head),
            ],
        )

    def test_the_error_names_the_modules_their_files_and_what_to_change(self):
        file = os.path.join(self.workspace, "mypkg", "catalog.py")
        found = [("mypkg.catalog", file, self.workspace)]
        added_by_benchmark = self.checkout.foreign_error(found, [self.workspace])
        self.assertEqual(added_by_benchmark["type"], ERROR_TYPE)
        message = added_by_benchmark["message"]
        self.assertIn(
            "mypkg.catalog was imported from %s, in the workspace allocdiff was run in (%s), "
            "not from this side's checkout (%s): " % (file, self.workspace, self.base),
            message,
        )
        self.assertIn("sys.path holds %s, added while the benchmark ran" % self.workspace, message)
        more = os.path.join(self.head, "mypkg", "more.py")
        by_a_hook = self.checkout.foreign_error(found + [("mypkg.more", more, self.head)], [])
        self.assertIn("and 1 more module: ", by_a_hook["message"])
        self.assertIn("install the project in `setup` without -e", by_a_hook["message"])
        # Every module is listed apart from the message, which a report may shorten.
        self.assertEqual(
            by_a_hook["traceback"].splitlines()[:3],
            [
                "Modules of the repository imported from outside this side's checkout (%s):"
                % self.base,
                "  mypkg.catalog from %s (the workspace allocdiff was run in)" % file,
                "  mypkg.more from %s (the other side's checkout)" % more,
            ],
        )
        self.assertIn("install the project in `setup` without -e", by_a_hook["traceback"])

    def test_preparing_imports_nothing(self):
        code = (
            "import sys; before = set(sys.modules)\n"
            "from allocdiff_harness import checkout\n"
            "checkout.Checkout.from_environment(sys.argv[1]).prepare()\n"
            "print(' '.join(sorted(set(sys.modules) - before)))\n"
        )
        env = dict(os.environ, PYTHONPATH=HARNESS_PARENT,
                   **self.roots_env(self.workspace, self.head, self.base))
        listed = subprocess.run([PYTHON, "-c", code, self.base], env=env,
                                stdout=subprocess.PIPE, check=True)
        self.assertEqual(listed.stdout.decode().split(),
                         ["allocdiff_harness", "allocdiff_harness.checkout"])


class ScriptModeTest(RepositoryTestCase):
    def test_the_readme_layout_imports_the_package_at_the_root_without_pythonpath(self):
        root = self.make_project(
            {"mypkg/__init__.py": "", "mypkg/catalog.py": CATALOG_HEAD,
             "benchmarks/memory.py": BENCHMARK}
        )
        run = self.run_harness(root, "benchmarks/memory.py")
        self.assertSnapshotOk(run)
        self.assertIn(6, lines_of(run.sites, "mypkg/catalog.py"))

    def test_a_src_layout_imports_from_src(self):
        root = self.make_project(
            {"src/mypkg/__init__.py": "", "src/mypkg/catalog.py": CATALOG_HEAD,
             "benchmarks/memory.py": BENCHMARK}
        )
        run = self.run_harness(root, "benchmarks/memory.py")
        self.assertSnapshotOk(run)
        self.assertIn(6, lines_of(run.sites, "src/mypkg/catalog.py"))

    def test_a_path_into_the_workspace_imports_this_checkouts_code_and_sides_differ(self):
        package = {"mypkg/__init__.py": "", "benchmarks/memory.py": BENCHMARK}
        base, head, workspace = self.make_repository(
            dict(package, **{"mypkg/catalog.py": CATALOG_BASE}),
            dict(package, **{"mypkg/catalog.py": CATALOG_HEAD}),
        )
        # The workspace first on the path, as a .pth entry or PYTHONPATH would put it.
        env = dict(self.roots_env(workspace, base, head),
                   PYTHONPATH=os.pathsep.join([HARNESS_PARENT, workspace]))
        runs = {side: self.run_harness(root, "benchmarks/memory.py", env=env)
                for side, root in (("base", base), ("head", head))}
        for run in runs.values():
            self.assertSnapshotOk(run)
            self.assertNotIn("foreignModules", run.raw)
        # Line 6 is the leak in head's catalog, and `return len(record)` in base's.
        self.assertNotIn(6, lines_of(runs["base"].sites, "mypkg/catalog.py"))
        self.assertIn(6, lines_of(runs["head"].sites, "mypkg/catalog.py"))
        grown = runs["head"].scenario["retainedBytes"] - runs["base"].scenario["retainedBytes"]
        self.assertGreaterEqual(grown, 100 * 1000)

    def test_a_module_still_imported_from_the_workspace_fails_every_scenario(self):
        bench = """\
            import os, sys
            sys.path.insert(0, os.environ["MYPKG_HOME"])
            from mypkg.catalog import Catalog

            def bench_load():
                return Catalog().load(bytes(10))

            def bench_other():
                return [1]
            """
        base, _, workspace = self.make_repository(
            {"bench.py": bench},
            {"bench.py": bench, "mypkg/__init__.py": "", "mypkg/catalog.py": CATALOG_HEAD},
        )
        env = dict(self.roots_env(workspace, base), MYPKG_HOME=workspace)
        run = self.run_harness(base, "bench.py", env=env)
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(
            [s["name"] for s in run.snapshot["scenarios"]], ["bench_load", "bench_other"]
        )
        for scenario in run.snapshot["scenarios"]:
            self.assertEqual(scenario["status"], "failed")
            self.assertEqual(scenario["error"]["type"], ERROR_TYPE)
            message = scenario["error"]["message"]
            self.assertIn("mypkg was imported from %s, in the workspace allocdiff was run in"
                          % os.path.join(workspace, "mypkg", "__init__.py"), message)
            self.assertIn("and 1 more module: ", message)
            self.assertIn("  mypkg.catalog from %s (the workspace allocdiff was run in)"
                          % os.path.join(workspace, "mypkg", "catalog.py"),
                          scenario["error"]["traceback"])
            self.assertIn("sys.path holds %s" % workspace, scenario["error"]["message"])
        self.assertEqual(
            run.raw["foreignModules"],
            [{"module": "mypkg", "file": os.path.join(workspace, "mypkg", "__init__.py")},
             {"module": "mypkg.catalog", "file": os.path.join(workspace, "mypkg", "catalog.py")}],
        )

    def test_a_module_a_function_imports_from_the_workspace_fails_every_scenario(self):
        # The function's calls are made in a copy of the process: what it imports there counts.
        bench = """\
            import os, sys

            def bench_load():
                sys.path.insert(0, os.environ["MYPKG_HOME"])
                from mypkg.catalog import Catalog
                return Catalog().load(bytes(10))

            def bench_other():
                return [1]
            """
        base, _, workspace = self.make_repository(
            {"bench.py": bench},
            {"bench.py": bench, "mypkg/__init__.py": "", "mypkg/catalog.py": CATALOG_HEAD},
        )
        env = dict(self.roots_env(workspace, base), MYPKG_HOME=workspace)
        run = self.run_harness(base, "bench.py", env=env)
        self.assertEqual(run.returncode, 0, run.describe())
        for scenario in run.snapshot["scenarios"]:
            self.assertEqual(scenario["status"], "failed")
            self.assertEqual(scenario["error"]["type"], ERROR_TYPE)
            self.assertIn("sys.path holds %s" % workspace, scenario["error"]["message"])
        self.assertEqual(
            [entry["module"] for entry in run.raw["foreignModules"]], ["mypkg", "mypkg.catalog"]
        )

    def test_an_error_of_the_benchmark_is_kept_with_the_foreign_import(self):
        bench = """\
            import os, sys
            sys.path.insert(0, os.environ["MYPKG_HOME"])
            import mypkg
            raise ValueError("broken too")
            """
        base, _, workspace = self.make_repository(
            {"bench.py": bench}, {"bench.py": bench, "mypkg/__init__.py": ""}
        )
        env = dict(self.roots_env(workspace, base), MYPKG_HOME=workspace)
        run = self.run_harness(base, "bench.py", env=env)
        error = run.scenario["error"]
        self.assertEqual(error["type"], ERROR_TYPE)
        self.assertIn("(the benchmark also failed: ValueError: broken too)", error["message"])
        self.assertIn("ValueError: broken too", error["traceback"])


class CommandModeTest(RepositoryTestCase, CommandTestCase):
    def sides(self):
        package = {"mypkg/__init__.py": "", "benchmarks/memory.py": BENCHMARK}
        return self.make_repository(
            dict(package, **{"mypkg/catalog.py": CATALOG_BASE}),
            dict(package, **{"mypkg/catalog.py": CATALOG_HEAD}),
        )

    def test_every_process_imports_this_checkouts_code(self):
        base, head, workspace = self.sides()
        env = self.roots_env(workspace, base, head)
        runs = {
            side: self.run_command(root, "%s benchmarks/memory.py" % PYTHON,
                                   pythonpath=[workspace], env=env)
            for side, root in (("base", base), ("head", head))
        }
        scenario = "benchmarks/memory.py"
        self.assertEqual(runs["base"].named(scenario)["status"], "ok", runs["base"].output)
        self.assertEqual(runs["head"].named(scenario)["status"], "ok", runs["head"].output)
        self.assertNotIn(6, lines_of(runs["base"].named(scenario)["sites"], "mypkg/catalog.py"))
        self.assertIn(6, lines_of(runs["head"].named(scenario)["sites"], "mypkg/catalog.py"))
        grown = (runs["head"].named(scenario)["retainedBytes"]
                 - runs["base"].named(scenario)["retainedBytes"])
        self.assertGreaterEqual(grown, 100 * 1000)

    @unittest.skipUnless(pytest_available(), "pytest is not installed")
    def test_pytest_tests_import_this_checkouts_code(self):
        test = """\
            from mypkg.catalog import Catalog

            def test_load():
                catalog = Catalog()
                for number in range(100):
                    catalog.load(bytes(1000))
                global KEPT
                KEPT = catalog
            """
        base, _, workspace = self.make_repository(
            {"mypkg/__init__.py": "", "mypkg/catalog.py": CATALOG_BASE, "tests/test_mem.py": test},
            {"mypkg/__init__.py": "", "mypkg/catalog.py": CATALOG_HEAD, "tests/test_mem.py": test},
        )
        # As the `pytest` command runs it: from a script outside the checkout, so neither the
        # working directory nor the checkout is on sys.path (`python -m pytest` would add it).
        runner = os.path.join(self.make_temp_dir(), "pytest_runner.py")
        with open(runner, "w") as file:
            file.write("import sys, pytest\nsys.exit(pytest.main(sys.argv[1:]))\n")
        run = self.run_command(base, "%s %s -q -p no:cacheprovider tests" % (PYTHON, runner),
                               pythonpath=[workspace], env=self.roots_env(workspace, base))
        scenario = run.named("tests/test_mem.py::test_load")
        self.assertEqual(scenario["status"], "ok", run.output)
        # Base's catalog keeps nothing: no leak line, and not the 100 KB head would keep.
        self.assertNotIn(6, lines_of(scenario["sites"], "mypkg/catalog.py"))
        self.assertLess(scenario["retainedBytes"], 50_000)
        self.assertNotIn("foreignModules", run.snapshot)

    def test_a_process_that_imports_from_the_workspace_fails_and_says_so(self):
        base, _, workspace = self.sides()
        write_files(base, {"tool.py": "import os, sys\nsys.path.insert(0, os.environ['W'])\n"
                                      "import mypkg.catalog\n"})
        env = dict(self.roots_env(workspace, base), W=workspace)
        run = self.run_command(base, "%s benchmarks/memory.py && %s tool.py" % (PYTHON, PYTHON),
                               env=env)
        self.assertEqual(run.named("benchmarks/memory.py")["status"], "ok", run.output)
        failed = run.named("tool.py")
        self.assertEqual(failed["status"], "failed")
        self.assertEqual(failed["error"]["type"], ERROR_TYPE)
        self.assertIn("mypkg was imported from %s"
                      % os.path.join(workspace, "mypkg", "__init__.py"), failed["error"]["message"])
        self.assertIn({"module": "mypkg.catalog",
                       "file": os.path.join(workspace, "mypkg", "catalog.py")},
                      run.snapshot["foreignModules"])


if __name__ == "__main__":
    unittest.main()
