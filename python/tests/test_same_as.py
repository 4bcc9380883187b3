"""--same-as: a function whose first call measures exactly an earlier run's figures is not
repeated; one that measures anything else is."""

from __future__ import annotations

import os
import unittest

from tests.support import HarnessTestCase

BENCH = """\
    import json

    DATA = [{"id": i, "name": "n%d" % i} for i in range(500)]


    def bench_dump():
        return json.dumps(DATA)


    def bench_items():
        return [[i] for i in range(2000)]
    """


def figures_file(snapshot: dict, *, change=None) -> str:
    """The --same-as records of a snapshot's functions, as allocdiff writes them; ``change``
    edits one function's record (name, [peak, retained, count], sites) before writing."""
    lines = []
    for scenario in snapshot["scenarios"]:
        totals = [scenario["peakBytes"], scenario["retainedBytes"], scenario["retainedCount"]]
        sites = [(s["line"], s["size"], s["count"], s["file"]) for s in scenario["sites"]]
        if change is not None:
            totals, sites = change(scenario["name"], totals, sites)
        lines.append("function %s %d %d %d" % (scenario["name"], *totals))
        lines.extend("site %d %d %d %s" % site for site in sites)
    return "\n".join(lines) + "\n"


class SameAsTest(HarnessTestCase):
    def first_and_deep(self, change=None, object_types=True):
        root = self.make_project({"bench.py": BENCH})
        first = self.run_harness(root, "bench.py")
        self.assertEqual(first.returncode, 0, first.describe())
        path = os.path.join(self.make_temp_dir(), "figures.txt")
        with open(path, "w", encoding="utf-8") as file:
            file.write(figures_file(first.snapshot, change=change))
        deep = self.run_harness(
            root, "bench.py", object_types=object_types,
            extra=["--repeats", "3", "--same-as", path],
        )
        self.assertEqual(deep.returncode, 0, deep.describe())
        return first, deep

    def test_a_first_call_that_measures_the_same_ends_the_repeats(self):
        first, deep = self.first_and_deep()
        for name in ("bench_dump", "bench_items"):
            scenario = deep.named(name)
            self.assertEqual(scenario["identicalRuns"], 2, name)
            self.assertEqual(len(scenario["repeats"]), 1, name)
            earlier = first.named(name)
            for key in ("peakBytes", "retainedBytes", "retainedCount", "sites"):
                self.assertEqual(scenario[key], earlier[key], (name, key))
        # Object types are still counted, on the one call made.
        self.assertIn("objectTypes", deep.named("bench_items"))

    def test_a_function_whose_figures_differ_is_repeated(self):
        def grow(name, totals, sites):
            if name == "bench_items":
                line, size, count, file = sites[0]
                return [totals[0], totals[1] + 8, totals[2]], [(line, size + 8, count, file)] + sites[1:]
            return totals, sites

        _, deep = self.first_and_deep(change=grow)
        self.assertNotIn("identicalRuns", deep.named("bench_items"))
        self.assertEqual(len(deep.named("bench_items")["repeats"]), 3)
        self.assertEqual(deep.named("bench_dump")["identicalRuns"], 2)

    def test_a_different_peak_alone_is_a_difference(self):
        def peak(name, totals, sites):
            return [totals[0] + 1, totals[1], totals[2]], sites

        _, deep = self.first_and_deep(change=peak, object_types=False)
        for scenario in deep.snapshot["scenarios"]:
            self.assertNotIn("identicalRuns", scenario)
            self.assertEqual(len(scenario["repeats"]), 3)

    def test_a_missing_site_is_a_difference(self):
        def drop(name, totals, sites):
            return totals, sites[:-1] if name == "bench_dump" else sites

        _, deep = self.first_and_deep(change=drop, object_types=False)
        self.assertNotIn("identicalRuns", deep.named("bench_dump"))
        self.assertEqual(deep.named("bench_items")["identicalRuns"], 2)

    def test_a_malformed_file_is_a_usage_error_naming_the_line(self):
        root = self.make_project({"bench.py": BENCH})
        path = os.path.join(self.make_temp_dir(), "figures.txt")
        with open(path, "w", encoding="utf-8") as file:
            file.write("function bench_dump 1 2 3\nsite twelve 1 1 bench.py\n")
        run = self.run_harness(root, "bench.py", extra=["--same-as", path])
        self.assertEqual(run.returncode, 2)
        self.assertIn(b"line 2", run.stderr)


if __name__ == "__main__":
    unittest.main()
