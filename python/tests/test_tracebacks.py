"""Tracebacks for chosen sites only (--traceback-sites with --frames N): the second pass."""

from __future__ import annotations

import os
import unittest

from tests.support import HarnessTestCase

FILES = {
    "app/__init__.py": "",
    "app/store.py": """\
        _kept = []


        def remember(size):
            _kept.append(bytearray(size))


        def other():
            _kept.append([0] * 100)
        """,
    "bench.py": """\
        from app.store import remember, other


        def load_small():
            for _ in range(3):
                remember(1_000)


        def load_big():
            remember(50_000)


        load_small()
        load_big()
        other()
        """,
}


class TracebackSitesTest(HarnessTestCase):
    def run_with_sites(self, lines, frames=10, files=FILES, extra=()):
        root = self.make_project(files)
        sites_path = os.path.join(self.make_temp_dir(), "sites.txt")
        with open(sites_path, "w") as file:
            file.write("\n".join(lines) + "\n")
        run = self.run_harness(root, "bench.py", frames=frames,
                               extra=["--traceback-sites", sites_path] + list(extra))
        self.assertSnapshotOk(run)
        return run

    def test_each_wanted_site_gets_its_largest_tracebacks_oldest_frame_first(self):
        run = self.run_with_sites(["# sites that changed", "app/store.py:5", ""])
        [site] = [s for s in run.sites if (s["file"], s["line"]) == ("app/store.py", 5)]
        tracebacks = site["tracebacks"]
        self.assertEqual(len(tracebacks), 2)  # two call paths, merged per path
        big, small = tracebacks
        self.assertGreater(big["size"], small["size"])
        self.assertAlmostEqual(big["size"], 50_000, delta=200)
        self.assertAlmostEqual(small["size"], 3 * 1_000, delta=300)  # three calls, one path
        self.assertEqual(sum(t["size"] for t in tracebacks), site["size"])
        self.assertEqual(
            [(f["file"], f["line"], f["function"]) for f in big["frames"]],
            [("bench.py", 14, "<module>"), ("bench.py", 10, "load_big"),
             ("app/store.py", 5, "remember")],
        )
        self.assertEqual(big["frames"][0]["text"], "load_big()")
        self.assertEqual(big["frames"][-1]["text"], "_kept.append(bytearray(size))")
        self.assertNotIn("truncated", big)

    def test_only_the_wanted_sites_get_tracebacks(self):
        run = self.run_with_sites(["app/store.py:5"])
        others = [s for s in run.sites if "tracebacks" in s and s["line"] != 5]
        self.assertEqual(others, [])
        [other] = [s for s in run.sites if (s["file"], s["line"]) == ("app/store.py", 9)]
        self.assertNotIn("tracebacks", other)

    def test_a_frame_limit_that_cuts_the_stack_says_so(self):
        run = self.run_with_sites(["app/store.py:5"], frames=2)
        [site] = [s for s in run.sites if (s["file"], s["line"]) == ("app/store.py", 5)]
        for traceback in site["tracebacks"]:
            self.assertEqual(len(traceback["frames"]), 2)
            self.assertTrue(traceback["truncated"])

    def test_function_scenarios_and_their_peak_sites_get_tracebacks_too(self):
        files = dict(FILES)
        files["bench.py"] = """\
            from app.store import remember


            def bench_remember():
                remember(30_000)
            """
        run = self.run_with_sites(["app/store.py:5"], files=files, extra=["--peak-sites"])
        scenario = run.named("bench_remember")
        for sites in (scenario["sites"], scenario["peak"]["sites"]):
            [site] = [s for s in sites if (s["file"], s["line"]) == ("app/store.py", 5)]
            frames = site["tracebacks"][0]["frames"]
            # The harness's own frames (which called the function) are left out.
            self.assertEqual([(f["file"], f["line"]) for f in frames],
                             [("bench.py", 5), ("app/store.py", 5)])

    def test_a_malformed_site_list_is_a_usage_error(self):
        root = self.make_project({"bench.py": "x = 1\n"})
        sites_path = os.path.join(self.make_temp_dir(), "sites.txt")
        with open(sites_path, "w") as file:
            file.write("app/store.py\n")
        run = self.run_harness(root, "bench.py", extra=["--traceback-sites", sites_path])
        self.assertEqual(run.returncode, 2, run.describe())
        self.assertIn(b"expected path:line", run.stderr)
        missing = self.run_harness(root, "bench.py",
                                   extra=["--traceback-sites", sites_path + ".missing"])
        self.assertEqual(missing.returncode, 2, missing.describe())


if __name__ == "__main__":
    unittest.main()
