"""Peak by site: which lines held the memory at the high-water mark (--peak-sites)."""

from __future__ import annotations

import unittest

from tests.support import HarnessTestCase

# The same computation twice: the list comprehension holds every string at once, the
# generator one at a time. A peak regression must name line 6.
BENCH = """\
    WORDS = ["word%d" % i for i in range(20_000)]


    def bench_list():
        upper = [w.upper() * 20 for w in WORDS]
        total = sum([len(w) for w in upper])
        del upper
        return total


    def bench_generator():
        return sum(len(w.upper() * 20) for w in WORDS)
    """


def coverage(scenario: dict) -> float:
    return sum(site["size"] for site in scenario["peak"]["sites"]) / scenario["peakBytes"]


class FunctionPeakSitesTest(HarnessTestCase):
    run_ = None

    def setUp(self):
        # One harness run for the whole class (the hooked calls take a while).
        if FunctionPeakSitesTest.run_ is None:
            root = self.make_project({"bench.py": BENCH})
            FunctionPeakSitesTest.run_ = self.run_harness(root, "bench.py",
                                                          extra=["--peak-sites"])
        self.assertEqual(self.run_.returncode, 0, self.run_.describe())

    def test_the_sites_at_the_peak_account_for_nearly_all_of_it(self):
        scenario = self.run_.named("bench_list")
        self.assertGreaterEqual(coverage(scenario), 0.95, scenario["peak"])
        for name in ("bench_list", "bench_generator"):
            peak = self.run_.named(name)["peak"]
            self.assertLessEqual(peak["bytes"], peak["peakBytes"])
            self.assertGreaterEqual(peak["bytes"], 0.95 * peak["peakBytes"])

    def test_a_list_comprehension_is_pinned_to_its_line(self):
        scenario = self.run_.named("bench_list")
        top = scenario["peak"]["sites"][0]
        self.assertEqual((top["file"], top["line"]), ("bench.py", 5), scenario["peak"])
        self.assertEqual(top["text"], "upper = [w.upper() * 20 for w in WORDS]")
        self.assertEqual(top["function"], "bench_list")
        self.assertGreater(top["size"], 20_000 * 100)
        lines = [site["line"] for site in scenario["peak"]["sites"] if site["file"] == "bench.py"]
        self.assertIn(6, lines)  # the list of lengths, alive at the same moment

    def test_the_generator_version_has_a_far_lower_peak(self):
        listed = self.run_.named("bench_list")
        generated = self.run_.named("bench_generator")
        self.assertLess(generated["peakBytes"] * 10, listed["peakBytes"])
        self.assertNotIn(5, [site["line"] for site in generated["peak"]["sites"]])

    def test_peak_sites_are_only_found_when_asked(self):
        root = self.make_project({"bench.py": BENCH})
        run = self.run_harness(root, "bench.py")
        self.assertNotIn("peak", run.named("bench_list"))


class ScriptPeakSitesTest(HarnessTestCase):
    # No imports: memory the import system holds is part of the peak but is not
    # attributed to a site (its frames are filtered like the harness's).
    SCRIPT = """\
        rows = [{"id": i, "name": "row%d" % i} for i in range(5_000)]
        names = [row["name"] * 10 for row in rows]
        count = len(names)
        del names
        summary = repr(rows[:10])
        """

    def test_with_the_peak_of_an_earlier_run_as_target(self):
        root = self.make_project({"bench.py": self.SCRIPT})
        first = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(first)
        self.assertNotIn("peak", first.scenario)
        target = first.scenario["peakBytes"]
        run = self.run_harness(root, "bench.py", extra=["--peak-sites", "--peak-target",
                                                        str(target)])
        self.assertSnapshotOk(run)
        self.assertGreaterEqual(sum(s["size"] for s in run.scenario["peak"]["sites"]),
                                0.95 * target, run.scenario["peak"])
        lines = [s["line"] for s in run.scenario["peak"]["sites"][:2]]
        self.assertEqual(sorted(lines), [1, 2])

    def test_without_a_target_the_search_still_finds_the_peak(self):
        root = self.make_project({"bench.py": self.SCRIPT})
        run = self.run_harness(root, "bench.py", extra=["--peak-sites"])
        self.assertSnapshotOk(run)
        self.assertGreaterEqual(coverage(run.scenario), 0.9, run.scenario["peak"])
        self.assertIn(2, [s["line"] for s in run.scenario["peak"]["sites"][:2]])


if __name__ == "__main__":
    unittest.main()
