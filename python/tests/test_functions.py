"""Function scenarios: a script's top-level bench_* functions, each measured on its own."""

from __future__ import annotations

import unittest

from tests.support import HarnessTestCase

BENCH = """\
    import json
    from helpers import bench_imported

    SETUP = bytearray(3_000_000)          # setup: not measured
    bench_not_a_function = [1, 2, 3]


    def bench_keep():
        return bytearray(100_000)          # held until the after snapshot


    def bench_temporary():
        buffer = bytearray(1_000_000)
        return len(buffer)


    def helper():
        return [0] * 1000


    def bench_json():
        return json.dumps({"k": list(range(100))})
    """


class FunctionScenarioTest(HarnessTestCase):
    def run_bench(self, files=None, **kwargs):
        root = self.make_project(
            files or {"bench.py": BENCH, "helpers.py": "def bench_imported():\n    pass\n"}
        )
        run = self.run_harness(root, "bench.py", **kwargs)
        self.assertEqual(run.returncode, 0, run.describe())
        return run

    def test_each_own_bench_function_is_a_scenario_in_definition_order(self):
        run = self.run_bench()
        scenarios = run.snapshot["scenarios"]
        self.assertEqual([s["name"] for s in scenarios], ["bench_keep", "bench_temporary",
                                                          "bench_json"])
        for scenario in scenarios:
            self.assertEqual(scenario["kind"], "function")
            self.assertEqual(scenario["status"], "ok", run.describe())

    def test_the_top_level_is_setup_and_not_measured(self):
        run = self.run_bench()
        for scenario in run.snapshot["scenarios"]:
            self.assertLess(scenario["peakBytes"], 2_000_000, scenario["name"])
            self.assertNotIn(4, [s["line"] for s in scenario["sites"] if s["file"] == "bench.py"])

    def test_the_return_value_is_retained_at_its_line(self):
        scenario = self.run_bench().named("bench_keep")
        [site] = [s for s in scenario["sites"] if s["file"] == "bench.py"]
        self.assertEqual((site["line"], site["function"]), (9, "bench_keep"))
        self.assertEqual(site["text"], "return bytearray(100_000)          # held until the"
                                       " after snapshot")
        self.assertAlmostEqual(site["size"], 100_000, delta=200)
        self.assertEqual(scenario["retainedBytes"], sum(s["size"] for s in scenario["sites"]))

    def test_peak_is_above_the_level_just_before_the_call(self):
        scenario = self.run_bench().named("bench_temporary")
        # The 3 MB of setup is not in it; the freed megabyte is, and is not retained.
        self.assertGreaterEqual(scenario["peakBytes"], 1_000_000)
        self.assertLess(scenario["peakBytes"], 1_100_000)
        self.assertLess(scenario["retainedBytes"], 1_000)

    def test_memory_the_setup_made_and_the_call_freed_is_not_negative_retained(self):
        # Retained is what the call allocated and still holds; freeing setup data is not
        # a negative site (tracing starts just before each call).
        files = {
            "bench.py": """\
                CACHE = {"big": bytearray(1_000_000)}

                def bench_clears():
                    CACHE.clear()
                    return bytearray(1_000)
                """
        }
        scenario = self.run_bench(files).named("bench_clears")
        self.assertTrue(all(site["size"] >= 0 for site in scenario["sites"]), scenario["sites"])
        self.assertGreaterEqual(scenario["retainedBytes"], 1_000)
        self.assertLess(scenario["retainedBytes"], 2_000)

    def test_repeats_record_every_call_and_mark_sites_that_differ(self):
        files = {
            "bench.py": """\
                calls = []

                def bench_same():
                    return bytearray(50_000)

                def bench_growing():
                    calls.append(1)
                    return bytearray(10_000 * len(calls))
                """
        }
        run = self.run_bench(files, extra=["--repeats", "3"])
        self.assertEqual(run.snapshot["repeats"], 3)
        same = run.named("bench_same")
        self.assertEqual(len(same["repeats"]), 3)
        self.assertEqual({r["retainedBytes"] for r in same["repeats"]}, {same["retainedBytes"]})
        [site] = [s for s in same["sites"] if s["line"] == 4]
        self.assertNotIn("sizes", site)  # the same in every repeat

        growing = run.named("bench_growing")
        [site] = [s for s in growing["sites"] if s["line"] == 8]
        self.assertEqual(len(site["sizes"]), 3)
        self.assertEqual(site["size"], site["sizes"][0])  # the main value is repeat 1's
        self.assertAlmostEqual(site["sizes"][1] - site["sizes"][0], 10_000, delta=100)
        self.assertEqual(growing["retainedBytes"], growing["repeats"][0]["retainedBytes"])
        self.assertEqual(growing["peakBytes"], growing["repeats"][0]["peakBytes"])

    def test_a_whole_script_is_measured_once_whatever_the_repeats(self):
        files = {"bench.py": "kept = bytearray(10_000)\n"}
        run = self.run_bench(files, extra=["--repeats", "3"])
        self.assertSnapshotOk(run)
        self.assertEqual(run.scenario["kind"], "script")
        self.assertEqual(len(run.scenario["repeats"]), 1)

    def test_functions_run_with_the_script_as_main_module(self):
        # pickle looks classes up in sys.modules["__main__"]: it must be the script.
        files = {
            "bench.py": """\
                import pickle

                class Point:
                    def __init__(self, x):
                        self.x = x

                def bench_pickle():
                    return pickle.loads(pickle.dumps([Point(i) for i in range(10)]))
                """
        }
        run = self.run_bench(files)
        self.assertEqual(run.scenario["status"], "ok", run.describe())

    def test_indented_or_unrelated_bench_names_leave_a_whole_script(self):
        files = {
            "bench.py": """\
                class Suite:
                    def bench_method(self):
                        pass

                bench_value = 3
                kept = [1, 2, 3]
                """
        }
        run = self.run_bench(files)
        self.assertSnapshotOk(run)
        self.assertEqual(run.scenario["kind"], "script")
        self.assertEqual(run.scenario["name"], "bench.py")


class FunctionFailureTest(HarnessTestCase):
    def test_a_failing_function_is_failed_and_the_others_still_run(self):
        root = self.make_project(
            {
                "bench.py": """\
                    def bench_fails():
                        kept = bytearray(20_000)
                        raise ValueError("bad input")

                    def bench_fine():
                        return [1, 2, 3]
                    """
            }
        )
        run = self.run_harness(root, "bench.py", extra=["--repeats", "3"])
        self.assertEqual(run.returncode, 0, run.describe())
        failed = run.named("bench_fails")
        self.assertEqual(failed["status"], "failed")
        self.assertEqual(failed["error"]["type"], "ValueError")
        self.assertEqual(failed["error"]["phase"], "call")
        self.assertIn('line 3, in bench_fails', failed["error"]["traceback"])
        self.assertNotIn("allocdiff_harness", failed["error"]["traceback"])
        self.assertEqual(len(failed["repeats"]), 1)  # no repeat after a failure
        # What it allocated is still measured: its frame is held by the exception.
        self.assertTrue(any(s["line"] == 2 and s["size"] >= 20_000 for s in failed["sites"]))
        self.assertEqual(run.named("bench_fine")["status"], "ok")
        self.assertIn(b"ValueError: bad input", run.stderr)

    def test_a_failing_setup_fails_every_function_it_defined(self):
        root = self.make_project(
            {
                "bench.py": """\
                    def bench_a():
                        pass

                    def bench_b():
                        pass

                    raise RuntimeError("no database")
                    """
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        scenarios = run.snapshot["scenarios"]
        self.assertEqual([s["name"] for s in scenarios], ["bench_a", "bench_b"])
        for scenario in scenarios:
            self.assertEqual(scenario["status"], "failed")
            self.assertEqual(scenario["error"]["type"], "RuntimeError")
            self.assertEqual(scenario["error"]["phase"], "setup")
            self.assertEqual(scenario["repeats"], [])
        self.assertEqual(run.stderr.count(b"RuntimeError: no database"), 1)

    def test_an_interrupt_stops_the_functions_after_it(self):
        root = self.make_project(
            {
                "bench.py": """\
                    def bench_a():
                        raise KeyboardInterrupt

                    def bench_b():
                        print("bench_b ran")
                    """
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(run.named("bench_a")["error"]["type"], "KeyboardInterrupt")
        self.assertEqual(run.named("bench_b")["status"], "failed")
        self.assertNotIn(b"bench_b ran", run.stdout)

    def test_a_function_that_stops_tracemalloc_does_not_stop_the_next(self):
        root = self.make_project(
            {
                "bench.py": """\
                    import tracemalloc

                    def bench_stops():
                        tracemalloc.stop()

                    def bench_after():
                        return bytearray(10_000)
                    """
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        [note] = run.snapshot["unmeasured"]
        self.assertEqual(note["scenario"], "bench_stops")
        self.assertIn("stopped tracemalloc", note["why"])
        after = run.named("bench_after")
        self.assertGreaterEqual(after["retainedBytes"], 10_000)
        stops = run.named("bench_stops")
        self.assertEqual((stops["status"], stops["error"]["type"]), ("failed", "TracingStopped"))

    def test_a_function_that_clears_or_restarts_tracing_is_failed_with_the_reason(self):
        root = self.make_project(
            {
                "bench.py": """\
                    import tracemalloc

                    def bench_clears():
                        kept = [bytearray(1000) for _ in range(100)]
                        tracemalloc.clear_traces()
                        return kept

                    def bench_restarts():
                        kept = [bytearray(1000) for _ in range(100)]
                        tracemalloc.stop()
                        tracemalloc.start()
                        return kept

                    def bench_after():
                        return bytearray(10_000)
                    """
            }
        )
        run = self.run_harness(root, "bench.py", args=None, extra=["--repeats", "2"])
        self.assertEqual(run.returncode, 0, run.describe())
        for name in ("bench_clears", "bench_restarts"):
            with self.subTest(name):
                scenario = run.named(name)
                self.assertEqual(scenario["status"], "failed", run.describe())
                self.assertEqual(scenario["error"]["type"], "TracingStopped")
                self.assertIn(
                    "%s cleared tracemalloc's traces (clear_traces(), or stop() then start())"
                    % name,
                    scenario["error"]["message"],
                )
                self.assertEqual(scenario["repeats"], [])
        notes = {note["scenario"]: note["why"] for note in run.snapshot["unmeasured"]}
        self.assertEqual(sorted(notes), ["bench_clears", "bench_restarts"])
        after = run.named("bench_after")
        self.assertEqual(after["status"], "ok")
        self.assertGreaterEqual(after["retainedBytes"], 10_000)


if __name__ == "__main__":
    unittest.main()


# bench_a fills a module-level cache that bench_b uses too: alone, each makes its entries.
SHARED_CACHE = """\
    CACHE = {}


    def render(n):
        for i in range(n):
            key = "fragment %d" % i
            if key not in CACHE:
                CACHE[key] = key.upper() * 4
        return len(CACHE)


    def bench_a():
        return render(3_000)


    def bench_b():
        return render(3_000)


    def bench_c():
        return [bytearray(100) for _ in range(500)]
    """


class FunctionIsolationTest(HarnessTestCase):
    def figures(self, run):
        return {
            scenario["name"]: (scenario["retainedBytes"], scenario["retainedCount"],
                               scenario["peakBytes"],
                               [(s["line"], s["size"], s["count"]) for s in scenario["sites"]])
            for scenario in run.snapshot["scenarios"]
        }

    def test_a_cache_an_earlier_function_filled_is_not_in_place_for_a_later_one(self):
        root = self.make_project({"bench.py": SHARED_CACHE})
        run = self.run_harness(root, "bench.py", extra=["--repeats", "2", "--iterations", "3"])
        self.assertEqual(run.returncode, 0, run.describe())
        a, b = run.named("bench_a"), run.named("bench_b")
        # 3,000 new keys and values (and the table) are what bench_b's first call keeps alone.
        self.assertGreater(b["retainedBytes"], 3_000 * 100, b)
        self.assertEqual(b["retainedBytes"], a["retainedBytes"])
        self.assertEqual(b["retainedCount"], a["retainedCount"])
        # Its own second call finds its own first call's entries: the repeats still share.
        self.assertLess(b["repeats"][1]["retainedBytes"], 100, b["repeats"])  # the count it returns
        self.assertEqual(run.snapshot["unmeasured"], [])

    def test_the_figures_of_a_function_do_not_depend_on_the_order_of_the_functions(self):
        reversed_source = SHARED_CACHE.replace("def bench_a", "def bench_x").replace(
            "def bench_c", "def bench_a").replace("def bench_x", "def bench_c")
        runs = []
        for source in (SHARED_CACHE, reversed_source):
            root = self.make_project({"bench.py": source})
            run = self.run_harness(root, "bench.py", object_types=True,
                                   extra=["--repeats", "2"])
            self.assertEqual(run.returncode, 0, run.describe())
            runs.append(run)
        first, second = runs
        self.assertEqual([s["name"] for s in first.snapshot["scenarios"]],
                         ["bench_a", "bench_b", "bench_c"])
        # bench_c is now the function that fills the cache first, bench_a the list maker.
        renamed = {"bench_a": "bench_c", "bench_b": "bench_b", "bench_c": "bench_a"}
        figures = self.figures(second)
        for name, figure in self.figures(first).items():
            with self.subTest(name):
                self.assertEqual(figure[:3], figures[renamed[name]][:3])
                self.assertEqual([site[1:] for site in figure[3]],
                                 [site[1:] for site in figures[renamed[name]][3]])
        for name in ("bench_a", "bench_b", "bench_c"):
            self.assertEqual(first.named(name)["objectTypes"],
                             second.named(renamed[name])["objectTypes"], name)

    def test_what_a_function_reads_and_prints_reaches_the_snapshot_and_the_output(self):
        files = {
            "bench.py": """\
                import os

                def bench_reads():
                    import lazy
                    with open(os.path.join(os.path.dirname(__file__), "data.txt")) as file:
                        print("read", file.read().strip())
                    return lazy.VALUE
                """,
            "lazy.py": "VALUE = [1, 2, 3]\n",
            "data.txt": "forty-two\n",
        }
        root = self.make_project(files)
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertIn("lazy.py", run.snapshot["reads"]["files"])
        self.assertIn("data.txt", run.snapshot["reads"]["files"])
        self.assertIn(b"read forty-two", run.stdout)

    def test_a_function_that_ends_its_process_fails_alone(self):
        files = {
            "bench.py": """\
                import os

                def bench_exits():
                    os._exit(3)

                def bench_after():
                    return bytearray(10_000)
                """
        }
        root = self.make_project(files)
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        exits = run.named("bench_exits")
        self.assertEqual(exits["status"], "failed")
        self.assertIn("ended without its figures", exits["error"]["message"])
        self.assertGreaterEqual(run.named("bench_after")["retainedBytes"], 10_000)

    def test_where_no_copy_can_be_forked_the_report_says_the_functions_shared_one(self):
        # A thread the setup leaves running: a copy forked from the process could hang.
        source = SHARED_CACHE.replace("CACHE = {}", (
            "import threading\n"
            "    CACHE = {}\n"
            "    STOP = threading.Event()\n"
            "    threading.Thread(target=STOP.wait, daemon=True).start()"))
        root = self.make_project({"bench.py": source})
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        # As before: bench_b finds bench_a's entries, and the report says why.
        self.assertLess(run.named("bench_b")["retainedBytes"], 100)
        notes = {note["scenario"]: note for note in run.snapshot["unmeasured"]}
        self.assertEqual(sorted(notes), ["bench_b", "bench_c"])
        self.assertEqual(notes["bench_b"]["what"], "a start of its own")
        self.assertIn("the setup left 2 threads running", notes["bench_b"]["why"])
        self.assertIn("bench_c ran after bench_a and bench_b", notes["bench_c"]["why"])
