"""The static step of pytest test selection: the import graph of a repository's Python files,
and the test files a pull request cannot reach, read from the source alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

from allocdiff_harness import imports

from .support import HARNESS_PARENT


class RepositoryCase(unittest.TestCase):
    def repository(self, files):
        root = tempfile.mkdtemp(prefix="allocdiff-imports-")
        self.addCleanup(shutil.rmtree, root, True)
        for path, text in files.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as file:
                file.write(textwrap.dedent(text))
        return imports.Repository(root)


class ImportGraphTest(RepositoryCase):
    def test_absolute_relative_and_submodule_imports_with_their_packages(self):
        repo = self.repository(
            {
                "pkg/__init__.py": "",
                "pkg/a.py": "from . import b\nfrom .sub.c import VALUE\n",
                "pkg/b.py": "from .. import top\n",
                "pkg/sub/__init__.py": "",
                "pkg/sub/c.py": "VALUE = 1\n",
                "pkg/unused.py": "",
                "top.py": "",
                "tests/test_a.py": "import pkg.a\n",
            }
        )
        self.assertEqual(
            repo.closure(["tests/test_a.py"]),
            {
                "tests/test_a.py",
                "pkg/__init__.py",
                "pkg/a.py",
                "pkg/b.py",
                "pkg/sub/__init__.py",
                "pkg/sub/c.py",
                "top.py",
            },
        )

    def test_from_package_import_name_is_the_submodule_when_there_is_one(self):
        repo = self.repository(
            {
                "pkg/__init__.py": "NAME = 1\n",
                "pkg/mod.py": "",
                "pkg/other.py": "",
                "tests/test_x.py": "from pkg import mod, NAME\n",
            }
        )
        closure = repo.closure(["tests/test_x.py"])
        self.assertIn("pkg/mod.py", closure)
        self.assertIn("pkg/__init__.py", closure)
        self.assertNotIn("pkg/other.py", closure)

    def test_a_src_layout_package_is_found_whatever_folder_python_imports_it_from(self):
        repo = self.repository(
            {
                "src/lib/__init__.py": "from lib._impl import run\n",
                "src/lib/_impl.py": "import lib.helpers\n",
                "src/lib/helpers.py": "",
                "tests/test_lib.py": "from lib import run\n",
            }
        )
        self.assertEqual(
            repo.closure(["tests/test_lib.py"]),
            {"tests/test_lib.py", "src/lib/__init__.py", "src/lib/_impl.py", "src/lib/helpers.py"},
        )

    def test_a_module_beside_the_test_and_a_star_import(self):
        repo = self.repository(
            {
                "tests/helpers.py": "",
                "tests/test_x.py": "import helpers\nfrom pkg import *\n",
                "pkg/__init__.py": "",
                "pkg/one.py": "",
                "pkg/deep/__init__.py": "",
                "pkg/deep/two.py": "",
            }
        )
        closure = repo.closure(["tests/test_x.py"])
        self.assertIn("tests/helpers.py", closure)
        self.assertIn("pkg/one.py", closure)
        self.assertIn("pkg/deep/__init__.py", closure)
        self.assertNotIn("pkg/deep/two.py", closure)

    def test_imports_outside_the_repository_are_left_out(self):
        repo = self.repository({"tests/test_x.py": "import os, json\nfrom collections import abc\n"})
        self.assertEqual(repo.closure(["tests/test_x.py"]), {"tests/test_x.py"})

    def test_literal_import_module_is_an_import_and_a_computed_one_is_dynamic(self):
        repo = self.repository(
            {
                "pkg/__init__.py": "",
                "pkg/plug.py": "",
                "literal.py": "import importlib\nimportlib.import_module('pkg.plug')\n",
                "computed.py": "import importlib\nNAME = 'x'\nimportlib.import_module(NAME)\n",
            }
        )
        self.assertIn("pkg/plug.py", repo.closure(["literal.py"]))
        self.assertIsNone(repo.source("literal.py").dynamic)
        self.assertIn("computed.py:3 uses import_module()", repo.source("computed.py").dynamic)

    def test_listing_a_computed_folder_is_dynamic_and_a_literal_one_is_not(self):
        repo = self.repository(
            {
                "a.py": "import os\nos.listdir('data')\n",
                "b.py": "import os\nHERE = os.path.dirname(__file__)\nos.listdir(HERE)\n",
                "c.py": "import ast\nast.walk(ast.parse('x'))\n",
                "d.py": "from pathlib import Path\nPath(__file__).parent.iterdir()\n",
                "e.py": "exec('import x')\n",
                "f.py": "def f(:\n",
            }
        )
        self.assertIsNone(repo.source("a.py").dynamic)
        self.assertIn("listdir", repo.source("b.py").dynamic)
        self.assertIsNone(repo.source("c.py").dynamic)
        self.assertIn("iterdir", repo.source("d.py").dynamic)
        self.assertIn("exec", repo.source("e.py").dynamic)
        self.assertIn("cannot be parsed", repo.source("f.py").dynamic)

    def test_docstrings_name_nothing(self):
        repo = self.repository(
            {"a.py": '"""Reads rows.csv."""\n\ndef f():\n    """rows.csv"""\n    return "other"\n'}
        )
        self.assertEqual(repo.source("a.py").literals, {"other"})

    def test_conftest_files_above_a_test(self):
        repo = self.repository(
            {
                "conftest.py": "",
                "tests/conftest.py": "",
                "tests/unit/test_x.py": "",
                "other/conftest.py": "",
            }
        )
        self.assertEqual(
            repo.conftests_above("tests/unit/test_x.py"), ["tests/conftest.py", "conftest.py"]
        )


class NamesFileTest(unittest.TestCase):
    def test_a_data_file_is_named_by_its_name_stem_folder_extension_or_a_pattern(self):
        path = "tests/data/cases/case7.json"
        for literal in ("case7.json", "case7", "cases", "data", ".json", "case%d.json",
                        "case{}.json", "cases/*.json"):
            self.assertEqual(imports.names_file({literal}, path), literal)
        for literal in ("case70.json", "showcase", "other.txt", "%s.txt", "mydata2", "{}.{}"):
            self.assertIsNone(imports.names_file({literal}, path), literal)

    def test_python_source_is_named_by_its_file_name_or_dotted_module_only(self):
        path = "src/pkg/tool.py"
        for literal in ("tool.py", "pkg.tool", "-m pkg.tool"):
            self.assertIsNotNone(imports.names_file({literal}, path), literal)
        for literal in ("tool", "pkg", "src", ".py"):
            self.assertIsNone(imports.names_file({literal}, path), literal)


SUITE = {
    "pytest.ini": "[pytest]\naddopts = -q\n",
    "pkg/__init__.py": "",
    "pkg/shared.py": "",
    "pkg/a.py": "from . import shared\n",
    "pkg/b.py": "import os\nTABLE = os.path.join(os.path.dirname(__file__), 'tables', 'b.csv')\n",
    "pkg/tables/b.csv": "1,2\n",
    "tests/conftest.py": "",
    "tests/test_a.py": "from pkg import a\n",
    "tests/test_b.py": "from pkg.b import TABLE\n",
    "tests/deep/conftest.py": "",
    "tests/deep/test_chain.py": "import tests.helpers\n",
    "tests/helpers.py": "from pkg.a import shared\n",
    "tests/test_dynamic.py": "import importlib, sys\nimportlib.import_module(sys.argv[0])\n",
    "README.md": "",
}


class JudgeTest(RepositoryCase):
    def judged(self, changed, head_changes=None, always=(), command="pytest"):
        base = self.repository(SUITE)
        head = self.repository({**SUITE, **(head_changes or {})})
        return imports.judge([base, head], changed, always, command)

    def test_a_readme_change_rules_out_every_test_file_without_dynamic_imports(self):
        result = self.judged(["README.md"])
        self.assertEqual(result["testFiles"], 4)
        self.assertEqual(
            sorted(result["ruledOut"]),
            ["tests/deep/test_chain.py", "tests/test_a.py", "tests/test_b.py"],
        )
        self.assertIn("import_module", result["kept"]["tests/test_dynamic.py"])

    def test_a_module_keeps_the_test_files_that_import_it_directly_or_through_a_chain(self):
        result = self.judged(["pkg/shared.py"], {"pkg/shared.py": "X = 1\n"})
        self.assertEqual(
            sorted(result["kept"]),
            ["tests/deep/test_chain.py", "tests/test_a.py", "tests/test_dynamic.py"],
        )
        self.assertEqual(result["ruledOut"], ["tests/test_b.py"])

    def test_a_data_file_keeps_the_test_files_whose_closure_names_its_folder(self):
        result = self.judged(["pkg/tables/b.csv"])
        self.assertIn("tests/test_b.py", result["kept"])
        self.assertIn("tests/test_a.py", result["ruledOut"])

    def test_a_conftest_keeps_the_test_files_of_its_folder(self):
        result = self.judged(["tests/deep/conftest.py"])
        self.assertEqual(sorted(result["kept"]), ["tests/deep/test_chain.py", "tests/test_dynamic.py"])

    def test_an_import_added_on_head_keeps_the_test_file(self):
        result = self.judged(["pkg/b.py"], {"pkg/b.py": "from . import shared\n"})
        self.assertIn("tests/test_b.py", result["kept"])
        result = self.judged(["pkg/shared.py"], {"pkg/b.py": "from . import shared\n"})
        self.assertIn("tests/test_b.py", result["kept"])

    def test_a_test_file_added_on_head_is_kept(self):
        result = self.judged(["tests/test_new.py"], {"tests/test_new.py": ""})
        self.assertIn("tests/test_new.py", result["kept"])
        self.assertEqual(result["testFiles"], 5)

    def test_configuration_and_native_code_keep_everything(self):
        for changed, always in (
            ("pytest.ini", ()),
            ("pyproject.toml", ()),
            ("ext/fast.c", ()),
            (".github/allocdiff.yml", (".github/allocdiff.yml",)),
        ):
            result = self.judged([changed], always=always)
            self.assertEqual(result["ruledOut"], [], changed)
            self.assertIn(changed, result["everything"])

    def test_python_files_from_the_configuration_and_doctest_modules(self):
        files = {
            "pytest.ini": "[pytest]\npython_files = check_*.py\n",
            "check_one.py": "",
            "test_not.py": "",
            "lib.py": "",
        }
        result = imports.judge([self.repository(files)], ["README.md"], (), "pytest")
        self.assertEqual(result["ruledOut"], ["check_one.py"])
        result = imports.judge(
            [self.repository(files)], ["README.md"], (), "pytest --doctest-modules"
        )
        self.assertEqual(sorted(result["ruledOut"]), ["check_one.py", "lib.py", "test_not.py"])
        # Only pytest's own options count: tox's commands are not pytest's configuration.
        files["tox.ini"] = "[testenv]\ncommands = pytest --doctest-modules\n"
        result = imports.judge([self.repository(files)], ["README.md"], (), "pytest")
        self.assertEqual(result["ruledOut"], ["check_one.py"])
        files["tox.ini"] += "[pytest]\naddopts = --doctest-modules\n"
        result = imports.judge([self.repository(files)], ["README.md"], (), "pytest")
        self.assertEqual(len(result["ruledOut"]), 3)

    def test_a_plugin_loaded_by_the_configuration_is_in_every_closure(self):
        files = {
            "pytest.ini": "[pytest]\naddopts = -p tools.plug\n",
            "tools/__init__.py": "",
            "tools/plug.py": "",
            "tests/test_x.py": "",
        }
        base, head = self.repository(files), self.repository(files)
        result = imports.judge([base, head], ["tools/plug.py"], (), "pytest")
        self.assertIn("tests/test_x.py", result["kept"])

    def test_a_collect_file_hook_is_reported(self):
        files = {
            "conftest.py": "def pytest_collect_file(parent, file_path):\n    return None\n",
            "test_x.py": "",
        }
        result = imports.judge([self.repository(files)], ["README.md"], (), "pytest")
        self.assertIn("pytest_collect_file", result["otherTests"])


class CommandLineTest(RepositoryCase):
    def test_writes_the_document(self):
        repo = self.repository(SUITE)
        out = os.path.join(repo.root, "out.json")
        changed = os.path.join(repo.root, "changed.txt")
        with open(changed, "w", encoding="utf-8") as file:
            file.write("pkg/b.py\n")
        completed = subprocess.run(
            [sys.executable, "-m", "allocdiff_harness.imports", "--side", repo.root, "--side",
             repo.root, "--changed", changed, "--out", out],
            env={**os.environ, "PYTHONPATH": HARNESS_PARENT},
            capture_output=True,
            text=True,
        )
        self.assertEqual(completed.returncode, 0, completed.stderr)
        with open(out, encoding="utf-8") as file:
            result = json.load(file)
        self.assertEqual(sorted(result["kept"]), ["tests/test_b.py", "tests/test_dynamic.py"])
        self.assertGreater(result["filesRead"], 0)


if __name__ == "__main__":
    unittest.main()
