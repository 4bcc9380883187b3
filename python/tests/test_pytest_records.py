"""pytest mode's further calls of a test (repeats, leak check) leave none of pytest's records of
a call behind: a subtest's report, a recorded warning, a captured log record. In a real run the
test runs once, so these are not the test's memory; its first, measured call is left as is."""

from __future__ import annotations

import os
import re
import unittest

from tests.test_command import PYTHON, CommandTestCase, pytest_available

SUITE = {
    "app/__init__.py": "",
    "app/words.py": """\
        KEPT = []

        def split(text, keep=False):
            if keep:
                KEPT.append(text * 20)
            return [part.strip() for part in text.split(",")]
        """,
    "tests/test_records.py": """\
        import logging
        import unittest
        import warnings

        import pytest

        from app.words import split

        CASES = ["a, b, c", "d,e", "f", "g, h"] * 10
        CALLS = []


        class TestSplit(unittest.TestCase):
            def test_subtests(self):
                for text in CASES:
                    with self.subTest(text=text):
                        self.assertTrue(split(text))

            def test_subtests_keeping(self):
                for text in CASES:
                    with self.subTest(text=text):
                        self.assertTrue(split(text, keep=True))

            def test_subtest_fails_later(self):
                CALLS.append(None)
                for number in range(3):
                    with self.subTest(number=number):
                        self.assertTrue(len(CALLS) == 1 or number < 2)


        def test_subtests_fixture(subtests):
            for text in CASES:
                with subtests.test(text=text):
                    assert split(text)


        def test_logs_and_warns(caplog, recwarn):
            for text in CASES:
                logging.getLogger("app").warning("split %s", text)
                warnings.warn(DeprecationWarning("old " + text))
                assert split(text)
            assert len(caplog.records) >= len(CASES)
            assert len(recwarn) == 4  # recwarn warns once per message


        def test_prints(capsys):
            for text in CASES:
                print("split", split(text))


        def test_prints_and_reads(capsys):
            print("before")
            assert capsys.readouterr().out.endswith("before\\n")
            print("after")


        def test_warns_to_pytest():
            for text in CASES:
                warnings.warn(DeprecationWarning("old " + text))
                logging.getLogger("app").warning("split %s", text)
        """,
}

NODE = "tests/test_records.py::"


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class FurtherCallsKeepNoRecordsTest(CommandTestCase):
    def deep_env(self, tests):
        path = os.path.join(self.make_temp_dir(), "tests.txt")
        with open(path, "w") as file:
            file.write("".join(NODE + test + "\n" for test in tests))
        return {"ALLOCDIFF_TESTS": path, "ALLOCDIFF_REPEATS": "3", "ALLOCDIFF_ITERATIONS": "4"}

    def test_subtests_warnings_and_logs_of_further_calls_are_not_a_leak(self):
        root = self.make_project(SUITE)
        quiet = ["TestSplit::test_subtests", "test_logs_and_warns", "test_warns_to_pytest",
                 "test_prints"]
        if "subtests" in self.fixtures(root):
            quiet.append("test_subtests_fixture")
        tests = quiet + ["TestSplit::test_subtests_keeping", "TestSplit::test_subtest_fails_later",
                         "test_prints_and_reads"]
        run = self.run_command(
            root, "%s -m pytest -q -p no:cacheprovider -rA tests" % PYTHON,
            env=self.deep_env(tests),
        )
        self.assertEqual(run.returncode, 0, run.output)
        for name in quiet:
            scenario = run.named(NODE + name)
            retained = [repeat["retainedBytes"] for repeat in scenario["repeats"]]
            self.assertEqual(len(retained), 3, name)
            # The first call keeps pytest's records of it, as one real run does; the later
            # calls keep none.
            self.assertGreater(retained[0], 500 if name == "test_prints" else 10000, name)
            self.assertLess(max(retained[1:]), 1000, (name, retained))
            self.assertLess(scenario["leak"]["bytesPerCall"], 100, (name, scenario["leak"]))
        # A call that really keeps something still leaks, at its own line.
        keeping = run.named(NODE + "TestSplit::test_subtests_keeping")
        # 40 strings of 20 copies of a text of 1 to 7 characters, each 49 bytes more than it.
        self.assertGreater(keeping["leak"]["bytesPerCall"], 40 * 100)
        self.assertLess(keeping["leak"]["bytesPerCall"], 40 * 200)
        # pytest reports what one run of each test made: its first call's subtests and warnings.
        tally = self.tally(run.output)
        subtests = 40 * (2 + ("test_subtests_fixture" in quiet)) + 3
        self.assertEqual(tally.get("subtests passed"), subtests, run.output)
        self.assertEqual(tally.get("warnings"), 40, run.output)
        self.assertEqual(tally.get("passed"), len(tests), run.output)
        self.assertNotIn("failed", tally, run.output)
        # The captured logs of the report hold the first call's records only: 10 of each text.
        for line in (39, 60):
            logged = "WARNING  app:test_records.py:%d split f\n" % line
            self.assertEqual(run.output.count(logged), 10, run.output)
        # A subtest that fails on a later call ends what that call was for: said, not failed.
        notes = [
            n for n in run.snapshot["unmeasured"]
            if n["scenario"] == NODE + "TestSplit::test_subtest_fails_later"
        ]
        self.assertIn("repeats 2 to 3", [n["what"] for n in notes])
        for note in notes:
            self.assertIn("raised AssertionError: a subtest failed", note["why"])
        self.assertEqual(len(run.snapshot["unmeasured"]), len(notes), run.snapshot["unmeasured"])

    def fixtures(self, root):
        """The fixtures this pytest has (pytest 9 has ``subtests``)."""
        run = self.run_command(root, "%s -m pytest -q --fixtures -p no:cacheprovider tests"
                               % PYTHON)
        return set(re.findall(r"^(\w+)", run.output, re.M))

    @staticmethod
    def tally(output):
        """pytest's closing line as {what: how many}: ``3 passed, 80 warnings``."""
        last = [line for line in output.splitlines() if re.search(r" in [\d.]+s\b", line)][-1]
        return {what: int(count) for count, what in re.findall(r"(\d+) ([a-z ]+?)(?=,| in )",
                                                                last)}


if __name__ == "__main__":
    unittest.main()
