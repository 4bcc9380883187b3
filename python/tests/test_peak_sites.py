"""Peak by site: which lines held the memory at the high-water mark (--peak-sites)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import unittest

from tests.support import HARNESS_PARENT, HarnessTestCase

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


# A hooked run's peak may exceed the plain one by the hooks' own bookkeeping (frame objects,
# and a line table per function they see: about its bytecode's size, lasting): the report calls
# two peaks the same within this share, or these bytes (src/report/details.ts).
SAME_PEAK_SHARE = 0.02
SAME_PEAK_BYTES = 256 * 1024
# The note of a whole script whose peak came while the hooks were off (scenarios.py).
HOOKS_MISSED = "sites at the peak, with the hooks on near it only"


def same_peak_slack(reported: int) -> float:
    return max(SAME_PEAK_SHARE * reported, SAME_PEAK_BYTES)


def coverage(scenario: dict) -> float:
    return sum(site["size"] for site in scenario["peak"]["sites"]) / scenario["peakBytes"]


class PeakPassTestCase(HarnessTestCase):
    def measure_then_find_peaks(self, root, script, *, repeats, names=None):
        """A measuring run, then the peak pass aimed at its first calls' peaks, the way the
        TypeScript side runs them. Returns both runs."""
        measured = self.run_harness(root, script, extra=["--repeats", str(repeats)])
        self.assertEqual(measured.returncode, 0, measured.describe())
        extra = ["--repeats", str(repeats), "--peak-sites"]
        if measured.scenario["kind"] == "script":
            extra += ["--peak-target", str(measured.scenario["peakBytes"])]
        else:
            targets = os.path.join(self.make_temp_dir(), "targets.txt")
            with open(targets, "w") as file:
                for scenario in measured.snapshot["scenarios"]:
                    if names is None or scenario["name"] in names:
                        file.write("%s %d\n" % (scenario["name"], scenario["peakBytes"]))
            extra += ["--peak-targets", targets]
        hooked = self.run_harness(root, script, extra=extra)
        self.assertEqual(hooked.returncode, 0, hooked.describe())
        if any(note["what"] == HOOKS_MISSED for note in hooked.snapshot["unmeasured"]):
            # The hooks were on only near the peak, and it passed while they were off.
            hooked = self.run_harness(root, script, extra=extra + ["--peak-everywhere"])
            self.assertEqual(hooked.returncode, 0, hooked.describe())
        return measured, hooked


class FunctionPeakSitesTest(PeakPassTestCase):
    run_ = None

    def setUp(self):
        # One pair of harness runs for the whole class (the hooked calls take a while).
        if FunctionPeakSitesTest.run_ is None:
            root = self.make_project({"bench.py": BENCH})
            FunctionPeakSitesTest.run_ = self.measure_then_find_peaks(root, "bench.py",
                                                                      repeats=1)[1]

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

    def test_without_targets_every_function_is_searched(self):
        root = self.make_project({"bench.py": BENCH})
        run = self.run_harness(root, "bench.py", extra=["--peak-sites"])
        self.assertEqual(run.returncode, 0, run.describe())
        scenario = run.named("bench_list")
        self.assertGreaterEqual(coverage(scenario), 0.9, scenario["peak"])
        self.assertEqual(scenario["peak"]["sites"][0]["line"], 5)
        self.assertIn("peak", run.named("bench_generator"))


# Functions whose first call differs from the later ones: a table every call grows (so later
# calls resize it), an import made by the first call only, and a copy of the table the setup
# made (each function starts from the setup's state: bench_fill's calls add nothing to it).
STATEFUL = """\
    CACHE = {i: str(i) for i in range(30_000)}


    def bench_fill():
        for i in range(len(CACHE), len(CACHE) + 30_000):
            CACHE[i] = str(i)
        return len(CACHE)


    def bench_lazy():
        import decimal
        rows = [{"id": i, "price": decimal.Decimal(i)} for i in range(20_000)]
        return len(rows)


    def bench_after():
        copy = dict(CACHE)
        return len(copy)
    """


class SamePeakTest(PeakPassTestCase):
    def test_the_hooked_call_reaches_the_peak_the_measuring_run_reports(self):
        root = self.make_project({"bench.py": STATEFUL})
        measured, hooked = self.measure_then_find_peaks(root, "bench.py", repeats=3)
        # Later calls peak elsewhere: a pass that hooked one of them would measure another peak.
        fill = [repeat["peakBytes"] for repeat in measured.named("bench_fill")["repeats"]]
        self.assertGreater(fill[1], fill[0] * 1.2, fill)
        lazy = [repeat["peakBytes"] for repeat in measured.named("bench_lazy")["repeats"]]
        self.assertGreater(lazy[0], lazy[1], lazy)
        for name in ("bench_fill", "bench_lazy", "bench_after"):
            reported = measured.named(name)["peakBytes"]
            peak = hooked.named(name)["peak"]
            self.assertAlmostEqual(peak["peakBytes"], reported, delta=same_peak_slack(reported),
                                   msg=name)
            self.assertGreaterEqual(peak["bytes"], 0.95 * reported, name)
        # bench_after copies the table the setup made (30,000 entries, some 1.3 MB), without
        # what bench_fill's calls added (60,000 entries or more: 2.6 MB).
        after = hooked.named("bench_after")["peak"]["sites"]
        self.assertEqual(after[0]["line"], 17, after[:3])
        self.assertGreater(after[0]["size"], 1_000_000)
        self.assertLess(after[0]["size"], 2_000_000)

    def test_only_the_functions_asked_for_are_hooked(self):
        root = self.make_project({"bench.py": STATEFUL})
        measured, hooked = self.measure_then_find_peaks(root, "bench.py", repeats=3,
                                                        names={"bench_after"})
        self.assertEqual([s["name"] for s in hooked.snapshot["scenarios"]], ["bench_after"])
        reported = measured.named("bench_after")["peakBytes"]
        self.assertAlmostEqual(hooked.scenario["peak"]["peakBytes"], reported,
                               delta=same_peak_slack(reported))

    def test_peak_targets_need_peak_sites(self):
        root = self.make_project({"bench.py": STATEFUL, "targets.txt": "bench_fill 1000\n"})
        run = self.run_harness(root, "bench.py", extra=["--peak-targets", "targets.txt"])
        self.assertEqual(run.returncode, 2)
        self.assertIn("--peak-targets is only read with --peak-sites", run.stderr.decode())

    def test_a_bad_targets_line_is_named(self):
        root = self.make_project({"bench.py": STATEFUL, "targets.txt": "bench_fill lots\n"})
        run = self.run_harness(root, "bench.py",
                               extra=["--peak-sites", "--peak-targets", "targets.txt"])
        self.assertEqual(run.returncode, 2)
        self.assertIn("--peak-targets targets.txt line 1: expected a function name and a number"
                      " of bytes, not 'bench_fill lots'", run.stderr.decode())


# A parser whose cache grows over distinct expressions: every call of parse makes dicts and
# lists (containers), the cache keeps them.
PARSER = textwrap.dedent("""\
    def tokens(text):
        return [word for word in text.replace("(", " ( ").replace(")", " ) ").split()]


    def parse(words):
        word = words.pop(0)
        if word != "(":
            return {"atom": word}
        node = {"children": []}
        while words[0] != ")":
            node["children"].append(parse(words))
        words.pop(0)
        return node


    def expressions(count):
        for i in range(count):
            yield "(add (mul a%d %d) (sub (neg b%d) (c %d d)) e%d)" % (i, i, i % 7, i, i % 3)
    """)

GROWING_CACHE = PARSER + textwrap.dedent("""\
    CACHE = {}
    for _ in range(3):
        for text in expressions(4_000):
            if text not in CACHE:
                CACHE[text] = parse(tokens(text))
    """)

BATCH_MID_RUN = PARSER + textwrap.dedent("""\
    for text in expressions(1_000):
        parse(tokens(text))
    def batch():
        return [parse(tokens(text)) for text in expressions(4_000)]
    trees = batch()
    del trees
    for text in expressions(6_000):
        parse(tokens(text))
    """)


class ScriptPeakSitesTest(PeakPassTestCase):
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
        # The peak is line 2's strings, made between two collections in about a millisecond:
        # the hooks, on only near the peak, catch it when a look of the timer comes during its
        # last tenth; when none does, they say they missed it. With them on throughout, it is
        # caught.
        run = self.run_harness(root, "bench.py", extra=["--peak-sites", "--peak-target",
                                                        str(target)])
        self.assertSnapshotOk(run)
        missed = [n for n in run.snapshot["unmeasured"] if n["what"] == HOOKS_MISSED]
        if missed:
            self.assertIn("the peak came while the hooks were off", missed[0]["why"])
        else:
            self.assertGreaterEqual(run.scenario["peak"]["bytes"], 0.99 * target)
        run = self.run_harness(root, "bench.py", extra=["--peak-sites", "--peak-target",
                                                        str(target), "--peak-everywhere"])
        self.assertSnapshotOk(run)
        self.assertEqual([n for n in run.snapshot["unmeasured"] if n["what"] == HOOKS_MISSED],
                         [])
        self.assertGreaterEqual(sum(s["size"] for s in run.scenario["peak"]["sites"]),
                                0.95 * target, run.scenario["peak"])
        lines = [s["line"] for s in run.scenario["peak"]["sites"][:2]]
        self.assertEqual(sorted(lines), [1, 2])

    def test_the_first_aimed_run_catches_a_peak_built_and_freed(self):
        # A structure built to the peak and freed at once: the hooks, on only near the peak,
        # must already be on for its last percent. Instances (containers, so collections run
        # while it grows), numbers appended to a list and a bytearray grown in place (no
        # container: no collection runs while they grow).
        bodies = {
            "instances": """\
                class Item:
                    def __init__(self, a, b):
                        self.a = a
                        self.b = b


                def build(n):
                    return [Item(i, str(i)) for i in range(n)]


                items = build(20_000)
                total = sum(len(item.b) for item in items)
                del items
                kept = [str(i) for i in range(100)]
                """,
            "appended numbers": """\
                numbers = []
                for i in range(100_000):
                    numbers.append(i * 7)
                del numbers
                kept = [str(i) for i in range(100)]
                """,
            "bytearray": """\
                buffer = bytearray()
                for i in range(200_000):
                    buffer += b"xy"
                del buffer
                kept = [str(i) for i in range(100)]
                """,
        }
        for name, body in bodies.items():
            with self.subTest(name):
                root = self.make_project({"bench.py": body})
                measured = self.run_harness(root, "bench.py")
                self.assertSnapshotOk(measured)
                target = measured.scenario["peakBytes"]
                run = self.run_harness(root, "bench.py", extra=["--peak-sites", "--peak-target",
                                                                str(target)])
                self.assertSnapshotOk(run)
                self.assertEqual(run.snapshot["unmeasured"], [])
                peak = run.scenario["peak"]
                self.assertGreaterEqual(peak["bytes"], 0.99 * peak["peakBytes"], name)
                self.assertAlmostEqual(peak["peakBytes"], target, delta=same_peak_slack(target))

    def test_the_hooks_are_on_only_near_the_peak(self):
        # A parse cache that grows to the peak at the end, and a batch held for a moment
        # mid-run: both made of containers, so collections watch the level between events.
        # The atoms (line 8) weigh most at either peak; the batch's list (line 22) is held at
        # its peak, and gone at the end.
        for body, held in ((GROWING_CACHE, 23), (BATCH_MID_RUN, 22)):
            root = self.make_project({"bench.py": body})
            measured = self.run_harness(root, "bench.py", extra=["--no-object-types"])
            self.assertSnapshotOk(measured)
            target = str(measured.scenario["peakBytes"])
            near = self.run_harness(root, "bench.py", extra=["--peak-sites", "--peak-target",
                                                             target, "--no-object-types"])
            self.assertSnapshotOk(near)
            self.assertEqual(near.snapshot["unmeasured"], [], body)
            peak = near.scenario["peak"]
            self.assertGreaterEqual(peak["bytes"], 0.99 * peak["peakBytes"], body)
            self.assertEqual(peak["sites"][0]["line"], 8, peak["sites"][:3])
            self.assertIn(held, [site["line"] for site in peak["sites"]], body)
            throughout = self.run_harness(root, "bench.py", extra=[
                "--peak-sites", "--peak-target", target, "--peak-everywhere",
                "--no-object-types"])
            self.assertSnapshotOk(throughout)
            # The hooks slow every line down several times over: on throughout, they cost
            # several runs; near the peak only, about one, and the snapshots.
            self.assertLess(near.scenario["durationSeconds"] * 2,
                            throughout.scenario["durationSeconds"], body)

    def test_the_hooked_run_reaches_the_peak_a_plain_run_measures(self):
        # Imports too: the hooks see the import system run, as a real benchmark's do.
        root = self.make_project({"bench.py": "import decimal, json\n" + textwrap.dedent(
            self.SCRIPT)})
        measured, hooked = self.measure_then_find_peaks(root, "bench.py", repeats=1)
        self.assertNotIn("peak", measured.scenario)
        reported = measured.scenario["peakBytes"]
        peak = hooked.scenario["peak"]
        self.assertAlmostEqual(peak["peakBytes"], reported, delta=same_peak_slack(reported))
        self.assertGreaterEqual(peak["bytes"], 0.95 * reported)
        # The hooks' own tables for the modules' code sit on line 0: not a line to report.
        self.assertEqual([s for s in peak["sites"] if s["line"] < 1], [])

    def test_a_peak_inside_one_c_call_still_gets_the_sites_of_the_highest_level_seen(self):
        # json.dumps grows its buffer inside one C call: no hook event sees the peak.
        root = self.make_project({"bench.py": """\
            import json
            rows = [{"id": i, "name": "row%d" % i} for i in range(20_000)]
            text = json.dumps(rows)
            """})
        measured, hooked = self.measure_then_find_peaks(root, "bench.py", repeats=1)
        reported = measured.scenario["peakBytes"]
        peak = hooked.scenario["peak"]
        self.assertAlmostEqual(peak["peakBytes"], reported, delta=same_peak_slack(reported))
        # 3.11's hooks see the level only before and after the call (3.12's encoder is seen).
        self.assertGreater(peak["bytes"], 0.5 * reported)
        self.assertEqual((peak["sites"][0]["file"], peak["sites"][0]["line"]), ("bench.py", 2))
        self.assertEqual(peak["sites"][1]["file"], "<stdlib>/json/encoder.py", peak["sites"][:4])

    def test_a_peak_inside_compile_is_counted_at_the_line_that_called_it(self):
        # The peak is compile()'s syntax tree, inside one C call: the hooks see the level only
        # before and after it, far below the peak. Its return event finds that tracemalloc's
        # peak went past the level: the snapshot then stands for that peak, the bytes above the
        # level counted at the line that called compile.
        root = self.make_project({"bench.py": """\
            source = "numbers = [" + ", ".join(str(i) for i in range(20_000)) + "]\\n"
            code = compile(source, "generated", "exec")
            del code
            kept = [str(i) for i in range(100)]
            """})
        measured, hooked = self.measure_then_find_peaks(root, "bench.py", repeats=1)
        self.assertSnapshotOk(hooked)
        self.assertEqual(
            [n for n in hooked.snapshot["unmeasured"] if n["what"] == "sites at the peak"], [])
        reported = measured.scenario["peakBytes"]
        peak = hooked.scenario["peak"]
        self.assertAlmostEqual(peak["peakBytes"], reported, delta=same_peak_slack(reported))
        self.assertGreaterEqual(peak["bytes"], 0.95 * peak["peakBytes"])
        top = peak["sites"][0]
        self.assertEqual((top["file"], top["line"]), ("bench.py", 2), peak["sites"][:3])
        # The source text, alive at the same moment, is a site of its own.
        self.assertGreater(top["size"], 0.8 * peak["peakBytes"])
        self.assertIn(1, [site["line"] for site in peak["sites"][:3]])

    def test_a_long_stretch_near_the_peak_making_garbage_cycles_keeps_to_the_peak(self):
        # Many live blocks (large snapshots), then a long stretch just below the peak that
        # makes reference cycles: the hooks stay on, and collections free garbage while
        # snapshots are taken. The level the watch reads must stay the program's, and the run
        # must keep to the peak a plain run measures with a few snapshots.
        root = self.make_project({"bench.py": PLATEAU_OF_CYCLES})
        measured = self.run_harness(root, "bench.py", extra=["--no-object-types"])
        self.assertSnapshotOk(measured)
        target = measured.scenario["peakBytes"]
        run = self.run_harness(root, "bench.py", extra=["--peak-sites", "--peak-target",
                                                        str(target), "--no-object-types"])
        self.assertSnapshotOk(run)
        self.assertEqual(run.snapshot["unmeasured"], [])
        peak = run.scenario["peak"]
        self.assertAlmostEqual(peak["peakBytes"], target, delta=same_peak_slack(target))
        self.assertLessEqual(peak["bytes"], peak["peakBytes"])
        self.assertEqual(peak["sites"][0]["line"], 7, peak["sites"][:3])

    def test_a_run_far_past_its_target_stops_and_says_why(self):
        # A target far below what the run reaches (as a hooked run that makes memory of its own
        # would): past 1.5 times the target (and 1 MiB above it), the watch stops, and no sites
        # are reported.
        root = self.make_project({"bench.py": """\
            rows = ["row%d" % i * 5 for i in range(100_000)]
            count = len(rows)
            """})
        measured = self.run_harness(root, "bench.py", extra=["--no-object-types"])
        self.assertSnapshotOk(measured)
        target = measured.scenario["peakBytes"] // 4
        for everywhere in ([], ["--peak-everywhere"]):
            run = self.run_harness(root, "bench.py", extra=[
                "--peak-sites", "--peak-target", str(target), "--no-object-types"] + everywhere)
            self.assertSnapshotOk(run)
            self.assertNotIn("peak", run.scenario)
            notes = run.snapshot["unmeasured"]
            self.assertEqual([n["what"] for n in notes], ["sites at the peak"], notes)
            self.assertIn("1.5 times the %d bytes measured" % target, notes[0]["why"])
            self.assertIn("so it stopped", notes[0]["why"])
            # The figures are the run's own, measured to the end.
            self.assertAlmostEqual(run.scenario["peakBytes"], measured.scenario["peakBytes"],
                                   delta=same_peak_slack(measured.scenario["peakBytes"]))

    def test_without_a_target_the_search_still_finds_the_peak(self):
        root = self.make_project({"bench.py": self.SCRIPT})
        run = self.run_harness(root, "bench.py", extra=["--peak-sites"])
        self.assertSnapshotOk(run)
        self.assertGreaterEqual(coverage(run.scenario), 0.9, run.scenario["peak"])
        self.assertIn(2, [s["line"] for s in run.scenario["peak"]["sites"][:2]])


# Kept rows, then many rounds of objects that refer to themselves, freed only by collections.
PLATEAU_OF_CYCLES = """\
class Node:
    def __init__(self, i):
        self.me = self
        self.text = "n%d" % i


kept = [("k%d" % i, i * 3) for i in range(60_000)]
for round_ in range(30):
    batch = [Node(i) for i in range(2_000)]
    del batch
"""


# A benchmark whose audit hook allocates: each sys.settrace/setprofile of the hooks can start a
# collection, whose callback looks at the level and may switch the hooks again, inside the first.
SWITCH_INSIDE_SWITCH = """\
import gc, sys, tracemalloc
from allocdiff_harness import peak

class Node:
    pass

def audit(event, args):
    if event in ("sys.settrace", "sys.setprofile"):
        for _ in range(800):
            node = Node()
            node.me = node

errors = []
sys.unraisablehook = lambda unraisable: errors.append(repr(unraisable.exc_value))
sys.addaudithook(audit)
tracemalloc.start()
watch = peak.PeakWatch(reference=1)
watch.install(tracemalloc.get_traced_memory()[0])
for _ in range(30):
    watch._hooks_on(sys._getframe())
    watch._hooks_off()
watch.uninstall()
print(len(errors), errors[:1])
"""


class SwitchInsideSwitchTest(HarnessTestCase):
    def test_a_collection_while_the_hooks_switch_leaves_them_be(self):
        env = dict(os.environ, PYTHONPATH=HARNESS_PARENT)
        done = subprocess.run(
            [sys.executable, "-c", SWITCH_INSIDE_SWITCH],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=120,
        )
        self.assertEqual(done.returncode, 0, done.stdout.decode())
        self.assertEqual(done.stdout.decode().strip(), "0 []")


if __name__ == "__main__":
    unittest.main()
