"""Peak RSS: the process's resident memory at its highest during a scenario, above where it
started. It sees memory tracemalloc does not (an anonymous mmap here, as a C extension's)."""

from __future__ import annotations

import os
import unittest

from tests.support import HarnessTestCase

MiB = 1024 * 1024

BENCH = """\
    import mmap


    def _touched(size):
        # Anonymous memory, outside tracemalloc's view; every page written, so resident.
        memory = mmap.mmap(-1, size)
        for offset in range(0, size, mmap.PAGESIZE):
            memory[offset] = 1
        return memory


    def bench_big():
        return _touched(48 * 1024 * 1024)


    def bench_small():
        return _touched(1024 * 1024)


    def bench_after_big():
        # Runs after bench_big freed its 48 MiB: its own mark, not bench_big's.
        return _touched(4 * 1024 * 1024)
    """

HAS_PROC = os.path.exists("/proc/self/status")


@unittest.skipUnless(HAS_PROC, "peak RSS is read from /proc/self/status (Linux)")
class RssTest(HarnessTestCase):
    def test_each_scenario_gets_its_own_high_water_mark(self):
        root = self.make_project({"bench.py": BENCH})
        run = self.run_harness(root, "bench.py", extra=["--repeats", "2"])
        self.assertEqual(run.returncode, 0, run.describe())
        big, small, after = (run.named(n) for n in ("bench_big", "bench_small", "bench_after_big"))
        # What tracemalloc sees of the mmap is its small Python object.
        self.assertLess(big["peakBytes"], 64 * 1024, run.describe())
        self.assertGreaterEqual(big["rssBytes"], 48 * MiB)
        self.assertLess(big["rssBytes"], 56 * MiB)
        self.assertGreaterEqual(small["rssBytes"], 1 * MiB)
        self.assertLess(small["rssBytes"], 8 * MiB)
        # The mark was reset after bench_big: a later, smaller scenario is not hidden by it.
        self.assertGreaterEqual(after["rssBytes"], 4 * MiB)
        self.assertLess(after["rssBytes"], 12 * MiB)
        # Every repeat has its own, and the scenario's is repeat 1's.
        for scenario in (big, small, after):
            self.assertEqual(len(scenario["repeats"]), 2)
            self.assertEqual(scenario["rssBytes"], scenario["repeats"][0]["rssBytes"])
            for repeat in scenario["repeats"]:
                self.assertGreaterEqual(repeat["rssBytes"], 0)

    def test_a_whole_script(self):
        root = self.make_project(
            {"script.py": "import mmap\nm = mmap.mmap(-1, 32 << 20)\n"
             "for i in range(0, 32 << 20, mmap.PAGESIZE):\n    m[i] = 1\n"}
        )
        run = self.run_harness(root, "script.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertGreaterEqual(run.scenario["rssBytes"], 32 * MiB, run.describe())
        self.assertLess(run.scenario["rssBytes"], 48 * MiB)


if __name__ == "__main__":
    unittest.main()
