"""Doctests under pytest (``--doctest-glob``, ``--doctest-modules``): an example's sites are
named by the file and line it is written at, and a doctest's repeats start as its first call
did."""

from __future__ import annotations

import os
import unittest

from tests.test_command import PYTHON, CommandTestCase, pytest_available

README = """\
Title
=====

>>> words = getfixture("words")

Some prose.

>>> kept = [str(i) * 10 for i in range(2000)]
>>> {"kept": kept}.keys()
dict_keys(['kept'])
>>> from pkg.tools import STORE
>>> STORE.append(bytearray(50000))
"""

FILES = {
    "README.rst": README,
    "conftest.py": """\
        import pytest

        @pytest.fixture
        def words():
            return ["a", "b"]
        """,
    "pkg/__init__.py": "",
    "pkg/tools.py": '''\
        STORE = []


        def stored(size):
            """Keeps a buffer of ``size`` bytes.

            >>> STORE.append(bytearray(30000))
            >>> len(STORE[-1])
            30000
            """
            STORE.append(bytearray(size))
        ''',
}


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class DoctestTest(CommandTestCase):
    def run_doctests(self, root, env=None):
        run = self.run_command(
            root,
            "%s -m pytest -q -p no:cacheprovider --doctest-glob=README.rst --doctest-modules"
            " README.rst pkg" % PYTHON,
            env=env,
        )
        self.assertEqual(run.returncode, 0, run.output)
        return run

    def test_an_examples_sites_are_the_file_and_line_it_is_written_at(self):
        root = self.make_project(FILES)
        run = self.run_doctests(root)
        files = {site["file"] for name in run.names for site in run.named(name)["sites"]}
        self.assertFalse([file for file in files if file.startswith("<doctest")], files)
        # README.rst's line 12, with the line's text.
        readme = run.site("README.rst::README.rst", "README.rst", 12)
        self.assertEqual(readme["text"], ">>> STORE.append(bytearray(50000))")
        self.assertGreaterEqual(readme["size"], 50000)
        # A docstring's example: pkg/tools.py's line 7.
        docstring = run.site("pkg/tools.py::pkg.tools.stored", "pkg/tools.py", 7)
        self.assertEqual(docstring["text"], ">>> STORE.append(bytearray(30000))")
        self.assertGreaterEqual(docstring["size"], 30000)

    def test_a_doctests_repeats_start_with_its_globals_and_no_last_value(self):
        root = self.make_project(FILES)
        folder = self.make_temp_dir()
        tests = os.path.join(folder, "tests.txt")
        with open(tests, "w") as file:
            file.write("README.rst::README.rst\n")
        run = self.run_doctests(root, env={"ALLOCDIFF_REPEATS": "3", "ALLOCDIFF_TESTS": tests})
        self.assertEqual(run.snapshot["unmeasured"], [], run.output)
        scenario = run.named("README.rst::README.rst")
        repeats = scenario["repeats"]
        self.assertEqual(len(repeats), 3, run.output)
        # Each call keeps its 50,000 bytes in STORE, and not ``kept``: its globals are cleared
        # when it finishes, and ``_`` (the last value displayed, which holds ``kept``) too.
        for repeat in repeats:
            self.assertGreaterEqual(repeat["retainedBytes"], 50000, repeats)
            self.assertLess(repeat["retainedBytes"], 50000 + 2000 * 10, repeats)
        peaks = [repeat["peakBytes"] for repeat in repeats]
        self.assertLess(max(peaks) - min(peaks), min(peaks) / 10, peaks)


if __name__ == "__main__":
    unittest.main()
