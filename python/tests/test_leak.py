"""Leak check (--iterations N): memory retained after each call, and bytes per call."""

from __future__ import annotations

import unittest

from allocdiff_harness.leak import per_call, rose_steadily
from tests.support import HarnessTestCase


class PerCallTest(unittest.TestCase):
    def test_a_steady_leak_is_exact(self):
        self.assertEqual(per_call([100, 200, 300, 400, 500]), 100)

    def test_growth_on_the_first_call_only_is_warm_up(self):
        self.assertEqual(per_call([5000, 5000, 5000, 5000]), 0)

    def test_a_one_off_after_the_first_call_is_not_a_leak(self):
        self.assertEqual(per_call([100, 100, 900, 900, 900, 900, 900]), 0)
        self.assertEqual(per_call([100, 100, 100, 100, 100, 900]), 0)

    def test_a_leak_every_few_calls_is_still_a_leak(self):
        series = [0, 0, 0, 300, 300, 300, 600, 600, 600, 900]
        self.assertEqual(per_call(series), 100)

    def test_shrinking_and_too_short_series_are_not_leaks(self):
        self.assertEqual(per_call([500, 400, 300, 200]), 0)
        self.assertEqual(per_call([100, 200]), 0)


class RoseSteadilyTest(unittest.TestCase):
    def test_a_leak_into_a_list_that_resizes_on_some_calls_is_steady(self):
        # Each call keeps 500 B of new objects; the list's storage (one block) grows on some.
        objects = ([500, 1000, 1500, 2000, 2500], [5, 10, 15, 20, 25])
        storage = ([64, 64, 128, 128, 256], [1, 1, 1, 1, 1])
        totals = [564, 1064, 1628, 2128, 2756]
        self.assertTrue(rose_steadily(totals, [objects, storage]))
        # The list first resized during the check: its block is traced from then on.
        first_resize = ([0, 0, 96, 96, 96], [0, 0, 1, 1, 1])
        self.assertTrue(rose_steadily([500, 1000, 1596, 2096, 2596], [objects, first_resize]))

    def test_a_line_keeping_objects_and_resizing_on_few_calls_is_steady(self):
        appended = ([100, 200, 364, 464, 564], [2, 4, 6, 8, 10])
        self.assertTrue(rose_steadily(appended[0], [appended]))

    def test_calls_keeping_random_amounts_of_new_objects_are_noise(self):
        random_sizes = ([900, 3300, 5600, 7100, 10340], [1, 2, 3, 4, 5])
        self.assertFalse(rose_steadily(random_sizes[0], [random_sizes]))

    def test_memory_freed_between_calls_is_noise(self):
        kept = ([500, 1000, 1500, 2000, 2500], [5, 10, 15, 20, 25])
        evicted = ([300, 300, 100, 100, 100], [3, 3, 1, 1, 1])
        self.assertFalse(rose_steadily([800, 1300, 1600, 2100, 2600], [kept, evicted]))

    def test_a_call_that_kept_nothing_or_too_few_calls_are_not_steady(self):
        kept = ([500, 1000, 1000, 1500, 2000], [5, 10, 10, 15, 20])
        self.assertFalse(rose_steadily(kept[0], [kept]))
        self.assertFalse(rose_steadily([500, 1000], [([500, 1000], [5, 10])]))


class LeakCheckTest(HarnessTestCase):
    FILES = {
        "bench.py": """\
            _log = []
            _cache = {}


            def bench_leaks():
                _log.append(bytearray(1_000))


            def bench_warms_up():
                if "table" not in _cache:
                    _cache["table"] = bytearray(50_000)
                return len(_cache)


            def bench_clean():
                return [0] * 1000
            """
    }

    def test_a_leaking_function_is_reported_with_its_site_and_rate(self):
        root = self.make_project(self.FILES)
        run = self.run_harness(root, "bench.py", extra=["--iterations", "10", "--repeats", "2"])
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(run.snapshot["iterations"], 10)

        leak = run.named("bench_leaks")["leak"]
        self.assertEqual(leak["iterations"], 10)
        self.assertEqual(len(leak["retainedBytes"]), 10)
        self.assertGreater(leak["retainedBytes"][-1], 9_000)
        [site] = leak["sites"]
        self.assertEqual((site["file"], site["line"], site["function"]),
                         ("bench.py", 6, "bench_leaks"))
        self.assertEqual(site["text"], "_log.append(bytearray(1_000))")
        # A bytearray of 1000 bytes is a little more than 1000 bytes (header, list slot).
        self.assertGreaterEqual(site["bytesPerCall"], 1_000)
        self.assertLess(site["bytesPerCall"], 1_200)
        # The object and its buffer, and now and then a larger block for the list.
        self.assertAlmostEqual(site["countPerCall"], 2, delta=0.5)
        self.assertEqual(len(site["retainedBytes"]), 10)
        self.assertEqual(leak["bytesPerCall"], site["bytesPerCall"])
        # Every call keeps the same bytearray; the list grows its storage on some calls only.
        self.assertIs(leak["steady"], True)

    def test_warm_up_and_held_results_are_not_leaks(self):
        root = self.make_project(self.FILES)
        run = self.run_harness(root, "bench.py", extra=["--iterations", "5"])
        for name in ("bench_warms_up", "bench_clean"):
            leak = run.named(name)["leak"]
            self.assertEqual(leak["bytesPerCall"], 0, leak)
            self.assertEqual(leak["sites"], [])
            self.assertIs(leak["steady"], False)

    def test_no_leak_check_without_iterations(self):
        root = self.make_project(self.FILES)
        run = self.run_harness(root, "bench.py")
        self.assertNotIn("leak", run.named("bench_leaks"))

    def test_a_leak_check_call_that_raises_leaves_the_repeats_measured(self):
        root = self.make_project({
            "bench.py": """\
                _calls = []


                def bench_wears_out():
                    _calls.append(1)
                    if len(_calls) > 2:
                        raise RuntimeError("worn out")
                    return [0] * 1000
                """
        })
        run = self.run_harness(root, "bench.py", extra=["--iterations", "5", "--repeats", "2"])
        self.assertEqual(run.returncode, 0, run.describe())
        scenario = run.named("bench_wears_out")
        self.assertEqual(scenario["status"], "ok", scenario)
        self.assertNotIn("leak", scenario)
        self.assertGreater(scenario["retainedBytes"], 8_000)
        [note] = run.snapshot["unmeasured"]
        self.assertEqual((note["scenario"], note["what"]), ("bench_wears_out", "leak check"))
        self.assertIn("leak-check call 1 raised RuntimeError: worn out", note["why"])

    def test_a_leak_check_call_that_clears_the_traces_leaves_the_leak_unmeasured(self):
        root = self.make_project({
            "bench.py": """\
                import tracemalloc

                _calls = []
                _kept = []


                def bench_hides_a_leak():
                    _calls.append(1)
                    _kept.append(bytearray(10_000))
                    if len(_calls) > 3:
                        tracemalloc.clear_traces()
                """
        })
        run = self.run_harness(root, "bench.py", extra=["--iterations", "5", "--repeats", "2"])
        self.assertEqual(run.returncode, 0, run.describe())
        scenario = run.named("bench_hides_a_leak")
        self.assertEqual(scenario["status"], "ok", scenario)
        self.assertNotIn("leak", scenario)
        [note] = run.snapshot["unmeasured"]
        self.assertEqual((note["scenario"], note["what"]), ("bench_hides_a_leak", "leak check"))
        self.assertIn("the function cleared tracemalloc's traces", note["why"])

    def test_fewer_than_three_iterations_is_a_usage_error(self):
        root = self.make_project(self.FILES)
        for value in ("1", "2", "-1", "many"):
            run = self.run_harness(root, "bench.py", extra=["--iterations", value])
            self.assertEqual(run.returncode, 2, run.describe())
            self.assertIn(b"--iterations", run.stderr)


if __name__ == "__main__":
    unittest.main()
