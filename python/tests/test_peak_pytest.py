"""Sites at the peak of a pytest test: those of the call whose peak the report shows."""

from __future__ import annotations

import os
import unittest

from tests.test_command import PYTHON, CommandTestCase, pytest_available

# A hooked run's peak may exceed the plain one by the hooks' own bookkeeping (as in
# test_peak_sites.py and src/report/details.ts).
SAME_PEAK_SHARE = 0.02
SAME_PEAK_BYTES = 256 * 1024
# What the deep pass notes when the sites come from a later call than the first (command.py).
PEAK_OF_FIRST_CALL = "sites at the peak of the test's first call"

FILES = {
    "app/__init__.py": "",
    # Built on first use: a large temporary, of which a small summary is kept. The first call's
    # peak is that temporary; later calls find the table filled and peak far lower.
    "app/table.py": """\
        TABLE = {}


        def lookup(key):
            if not TABLE:
                rows = [str(i) * 8 for i in range(100_000)]
                TABLE.update((i, len(row)) for i, row in enumerate(rows[:100]))
            return TABLE.get(key)
        """,
    "tests/test_table.py": """\
        from app.table import lookup


        def test_lookup():
            assert lookup(3) == 8
            kept = [0] * 1000
            assert len(kept) == 1000


        def test_compile():
            source = "numbers = [" + ",".join(str(i) for i in range(50_000)) + "]\\n"
            assert compile(source, "generated", "exec") is not None


        def test_fails():
            rows = [str(i) for i in range(1000)]
            assert not rows
        """,
}

# A thread alive while the tests run: no copy of the process is forked then.
THREADED = {
    "tests/conftest.py": """\
        import threading

        import pytest


        @pytest.fixture(autouse=True, scope="session")
        def background():
            stop = threading.Event()
            worker = threading.Thread(target=stop.wait, daemon=True)
            worker.start()
            yield
            stop.set()
            worker.join()
        """,
}

LOOKUP = "tests/test_table.py::test_lookup"
COMPILE = "tests/test_table.py::test_compile"
FAILS = "tests/test_table.py::test_fails"


@unittest.skipUnless(
    pytest_available(), "pytest is not installed for %s (install python3-pytest)" % PYTHON
)
class PytestPeakSitesTest(CommandTestCase):
    def deep_pass(self, root, tests, peaks):
        """The deep pass as allocdiff runs it: ``tests`` only, two measured calls each, and
        the sites at the peak of ``peaks`` (aiming at made-up first-run peaks: the pass aims at
        the peak its own measured call reaches)."""
        folder = self.make_temp_dir()
        selected = os.path.join(folder, "tests.txt")
        with open(selected, "w") as file:
            file.write("".join("%s\n" % test for test in tests))
        env = {"ALLOCDIFF_TESTS": selected, "ALLOCDIFF_REPEATS": "2"}
        if peaks:
            targets = os.path.join(folder, "targets.txt")
            with open(targets, "w") as file:
                file.write("".join("1000 %s\n" % test for test in peaks))
            env["ALLOCDIFF_PEAK_TARGETS"] = targets
        return self.run_command(
            root, "%s -m pytest -q -p no:cacheprovider tests" % PYTHON, env=env
        )

    def assertSamePeak(self, scenario):
        reported = scenario["peakBytes"]
        peak = scenario["peak"]
        slack = max(SAME_PEAK_SHARE * reported, SAME_PEAK_BYTES)
        self.assertAlmostEqual(peak["peakBytes"], reported, delta=slack, msg=scenario["name"])
        self.assertGreaterEqual(peak["bytes"], 0.95 * peak["peakBytes"], scenario["name"])

    def test_the_sites_are_those_of_the_first_call_whose_peak_is_reported(self):
        root = self.make_project(FILES)
        run = self.deep_pass(root, [LOOKUP, COMPILE, FAILS], [LOOKUP, COMPILE, FAILS])
        self.assertEqual(run.returncode, 1, run.output)  # test_fails fails, as it would
        self.assertEqual(run.snapshot["unmeasured"], [])
        lookup = run.named(LOOKUP)
        # The first call builds the table: its peak is the temporary; the second's is not.
        first, second = [repeat["peakBytes"] for repeat in lookup["repeats"]]
        self.assertGreater(first, 10 * second)
        self.assertSamePeak(lookup)
        top = lookup["peak"]["sites"][0]
        self.assertEqual((top["file"], top["line"]), ("app/table.py", 6), lookup["peak"]["sites"])
        self.assertGreater(top["size"], 0.9 * first)
        # compile()'s syntax tree, made and freed inside one C call, counted at its line.
        compiled = run.named(COMPILE)
        self.assertSamePeak(compiled)
        top = compiled["peak"]["sites"][0]
        self.assertEqual((top["file"], top["line"]), ("tests/test_table.py", 12))
        self.assertGreater(top["size"], 0.8 * compiled["peakBytes"])
        # A test that fails is measured once, and its copy ends with it.
        failed = run.named(FAILS)
        self.assertEqual(failed["status"], "failed")
        self.assertNotIn("peak", failed)

    def test_the_figures_are_those_of_a_pass_without_sites_at_the_peak(self):
        root = self.make_project(FILES)
        hooked = self.deep_pass(root, [LOOKUP, COMPILE], [LOOKUP, COMPILE])
        plain = self.deep_pass(root, [LOOKUP, COMPILE], [])
        for name in (LOOKUP, COMPILE):
            self.assertIn("peak", hooked.named(name))
            self.assertNotIn("peak", plain.named(name))

            def figures(run):
                return [(r["peakBytes"], r["retainedBytes"], r["retainedCount"])
                        for r in run.named(name)["repeats"]]

            self.assertEqual(figures(hooked), figures(plain), name)

    def test_with_a_thread_running_the_sites_come_from_a_later_call_and_it_is_said(self):
        root = self.make_project(dict(FILES, **THREADED))
        run = self.deep_pass(root, [LOOKUP], [LOOKUP])
        self.assertEqual(run.returncode, 0, run.output)
        lookup = run.named(LOOKUP)
        [note] = [n for n in run.snapshot["unmeasured"] if n["what"] == PEAK_OF_FIRST_CALL]
        self.assertEqual(note["scenario"], LOOKUP)
        self.assertIn("the process runs 2 threads", note["why"])
        self.assertIn("come from a later call of the test", note["why"])
        # That later call found the table built: its peak is not the first call's.
        self.assertLess(lookup["peak"]["peakBytes"] * 10, lookup["peakBytes"])
        self.assertNotIn(("app/table.py", 6),
                         [(site["file"], site["line"]) for site in lookup["peak"]["sites"]])


if __name__ == "__main__":
    unittest.main()
