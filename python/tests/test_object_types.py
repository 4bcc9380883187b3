"""Objects by type: live objects counted before and after each scenario (the seed's first
method), for the types whose count changed."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import tracemalloc
import unittest

from allocdiff_harness import capture, objects, retention
from allocdiff_harness.objects import count_types, type_changes, type_name
from tests.support import HarnessTestCase


class ObjectTypesTest(HarnessTestCase):
    def test_a_script_shows_the_objects_it_left(self):
        root = self.make_project(
            {
                "bench.py": """\
                    class Item:
                        pass

                    buffers = [bytearray(10) for _ in range(200)]
                    items = [Item() for _ in range(50)]
                    pairs = [("a%d" % i, "b%d" % i) for i in range(30)]
                    """
            }
        )
        run = self.run_harness(root, "bench.py", object_types=True)
        self.assertSnapshotOk(run)
        changes = {c["type"]: c["after"] - c["before"] for c in run.scenario["objectTypes"]}
        self.assertEqual(changes["bytearray"], 200)  # not tracked by gc, still counted
        self.assertEqual(changes["__main__.Item"], 50)
        # 30 pairs, plus the class's __bases__ and __mro__.
        self.assertEqual(changes["tuple"], 32)
        self.assertGreaterEqual(changes["str"], 60)  # inside tuples no container tracks
        for change in run.scenario["objectTypes"]:
            self.assertNotEqual(change["before"], change["after"])

    def test_a_function_that_keeps_nothing_changes_no_type(self):
        root = self.make_project(
            {
                "bench.py": """\
                    def bench_nothing():
                        [object() for _ in range(100)]

                    def bench_returns():
                        return {"k": bytearray(5)}
                    """
            }
        )
        run = self.run_harness(root, "bench.py", object_types=True, extra=["--repeats", "2"])
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(run.named("bench_nothing")["objectTypes"], [])
        changes = {c["type"]: c["after"] - c["before"]
                   for c in run.named("bench_returns")["objectTypes"]}
        # The return value is held, so it is counted; the harness's own objects are not.
        self.assertEqual(changes, {"dict": 1, "bytearray": 1})

    def test_a_run_that_only_counts_gives_the_counts_of_a_traced_one_and_no_figures(self):
        root = self.make_project(
            {
                "bench.py": """\
                    class Item:
                        pass

                    buffers = [bytearray(10) for _ in range(200)]
                    items = [Item() for _ in range(50)]
                    """
            }
        )
        traced = self.run_harness(root, "bench.py", object_types=True)
        counted = self.run_harness(root, "bench.py", object_types=True,
                                   extra=["--count-objects-only"])
        self.assertSnapshotOk(counted)

        def changes(run):
            return {c["type"]: c["after"] - c["before"] for c in run.scenario["objectTypes"]}

        self.assertEqual(changes(counted), changes(traced))
        self.assertEqual(changes(counted)["__main__.Item"], 50)
        # Nothing was traced: no figures, no sites.
        self.assertEqual(counted.scenario["peakBytes"], 0)
        self.assertEqual(counted.scenario["retainedBytes"], 0)
        self.assertEqual(counted.sites, [])

    def test_only_counting_refuses_what_needs_tracing(self):
        root = self.make_project({"bench.py": "x = [1]\n"})
        run = self.run_harness(root, "bench.py", object_types=True,
                               extra=["--count-objects-only", "--peak-sites"])
        self.assertEqual(run.returncode, 2, run.describe())
        self.assertIn(b"--peak-sites cannot go with --count-objects-only", run.stderr)

    # A whole script whose peak moves with what ran before its call (a count of objects).
    ORDERS = """\
        import json


        class Order:
            def __init__(self, i):
                self.id = i
                self.note = "note %d" % i
                self.lines = [{"sku": "s%d" % (i % 50), "qty": i % 7} for _ in range(3)]


        orders = [Order(i) for i in range(2000)]
        text = json.dumps([vars(o) for o in orders])
        copied = json.loads(text)
        index = {o["id"]: o for o in copied}
        """

    @unittest.skipUnless(shutil.which("setarch"), "needs setarch (util-linux)")
    def test_a_run_that_counts_before_only_measures_what_a_counting_run_does(self):
        probe = subprocess.run(["setarch", platform.machine(), "-R", sys.executable, "-c", "pass"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if probe.returncode != 0:
            self.skipTest("setarch -R not permitted here: %r" % probe.stderr)
        root = self.make_project({"bench.py": self.ORDERS})
        exact = {"env": {"PYTHONHASHSEED": "0"}, "wrapper": ["setarch", platform.machine(), "-R"],
                 "object_types": True}
        runs = {
            when: self.run_harness(root, "bench.py", extra=["--count-objects", when], **exact)
            for when in ("before", "around")
        }
        for run in runs.values():
            self.assertSnapshotOk(run)
        self.assertNotIn("objectTypes", runs["before"].scenario)
        changes = {c["type"]: c["after"] - c["before"]
                   for c in runs["around"].scenario["objectTypes"]}
        self.assertEqual(changes["__main__.Order"], 2000)
        for figure in ("peakBytes", "retainedBytes", "retainedCount"):
            self.assertEqual(runs["before"].scenario[figure], runs["around"].scenario[figure],
                             figure)
        self.assertEqual(runs["before"].sites, runs["around"].sites)
        # And run after run: the figures a counted repeat proves a first run with.
        again = self.run_harness(root, "bench.py", extra=["--count-objects", "before"], **exact)
        self.assertEqual(again.scenario["peakBytes"], runs["before"].scenario["peakBytes"])

    def test_functions_are_not_counted_by_a_run_that_counts_before_only(self):
        root = self.make_project({"bench.py": "def bench_keep():\n    return [bytearray(5)]\n"})
        run = self.run_harness(root, "bench.py", object_types=True,
                               extra=["--count-objects", "before"])
        self.assertSnapshotOk(run)
        self.assertNotIn("objectTypes", run.named("bench_keep"))

    def test_counting_objects_names_what_it_takes(self):
        root = self.make_project({"bench.py": "x = [1]\n"})
        run = self.run_harness(root, "bench.py", object_types=True,
                               extra=["--count-objects", "after"])
        self.assertEqual(run.returncode, 2, run.describe())
        self.assertIn(b"--count-objects must be one of around, before, not 'after'", run.stderr)

    def test_counting_can_be_switched_off(self):
        root = self.make_project({"bench.py": "x = [1]\n"})
        run = self.run_harness(root, "bench.py", object_types=False)
        self.assertSnapshotOk(run)
        self.assertNotIn("objectTypes", run.scenario)


class Kept:
    pass


class CountBesideTheWalkTest(unittest.TestCase):
    """A measurement that walks retention paths and counts objects after its call counts them
    in a copy of the process forked before the walk: the counts the process would make itself,
    which it makes where no copy can be made, or when the copy ends without them."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="allocdiff-count-copy-")
        self.pids = os.path.join(self.folder, "pids")
        self.real_count = objects.count_types
        self.kept = []
        # The line that allocates what the walk looks for (``action``'s first line).
        self.site = ("test_object_types.py", self.action.__code__.co_firstlineno + 1)

    def tearDown(self):
        objects.count_types = self.real_count
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def action(self):
        self.kept.extend(Kept() for _ in range(300))
        return [bytearray(20) for _ in range(40)]

    def spy(self, in_copy=None):
        """``objects.count_types``, noting the pid of each process that counts; ``in_copy``:
        what a copy does instead of counting (a crash, say)."""
        parent = os.getpid()

        def counting(*args, **kwargs):
            if in_copy is not None and os.getpid() != parent:
                in_copy()
            counts = self.real_count(*args, **kwargs)
            with open(self.pids, "ab") as file:
                file.write(b"%d\n" % os.getpid())
            return counts

        objects.count_types = counting

    def counted_by(self):
        with open(self.pids, "rb") as file:
            return [int(line) for line in file]

    def measure_beside_a_thread(self):
        """``measure`` while another thread runs: no copy is made, the process counts."""
        release = threading.Event()
        waiting = threading.Thread(target=release.wait)
        waiting.start()
        try:
            return self.measure(self.site_list())
        finally:
            release.set()
            waiting.join()

    def measure(self, retention_filter):
        self.kept.clear()
        result = capture.measure(self.action, 1, count_types=True,
                                 retention_filter=retention_filter)
        _, [site] = retention.load(result.retention)  # the walk looked for the site
        self.assertEqual(site[0], (self.action.__code__.co_filename, self.site[1]))
        return result

    def site_list(self):
        path = os.path.join(self.folder, "sites.txt")
        with open(path, "w", encoding="utf-8") as file:
            file.write("%s:%d\n" % self.site)
        return capture.SiteListFile(path, "--retention-sites")

    def changes(self, result):
        return dict((name, after - before)
                    for name, before, after in type_changes(result.types_before,
                                                            result.types_after))

    @unittest.skipUnless(os.path.exists("/proc/meminfo"), "a copy needs /proc to know it fits")
    def test_the_copy_counts_what_the_process_would(self):
        self.spy()
        here = self.measure_beside_a_thread()
        os.unlink(self.pids)
        apart = self.measure(self.site_list())
        before, after = self.counted_by()
        self.assertEqual(before, os.getpid())
        self.assertNotEqual(after, os.getpid(), "the count after the call is made in a copy")
        self.assertEqual(self.changes(apart), self.changes(here))
        self.assertEqual(self.changes(apart)[__name__ + ".Kept"], 300)
        self.assertEqual(self.changes(apart)["bytearray"], 40)

    @unittest.skipUnless(os.path.exists("/proc/meminfo"), "a copy needs /proc to know it fits")
    def test_a_copy_that_ends_without_counts_leaves_the_count_to_the_process(self):
        self.spy(in_copy=lambda: os._exit(3))
        here = self.measure_beside_a_thread()
        os.unlink(self.pids)
        apart = self.measure(self.site_list())
        self.assertEqual(self.counted_by(), [os.getpid(), os.getpid()])
        self.assertEqual(self.changes(apart), self.changes(here))

    def test_without_room_for_a_copy_the_process_counts_itself(self):
        self.spy()
        room = capture.COPY_ROOM
        # Free memory of a billion times the process's size: there is never that much.
        capture.COPY_ROOM = 10 ** 9
        try:
            alone = self.measure(self.site_list())
        finally:
            capture.COPY_ROOM = room
        self.assertEqual(self.counted_by(), [os.getpid(), os.getpid()])
        self.assertEqual(self.changes(alone)[__name__ + ".Kept"], 300)

    def test_with_another_thread_running_the_process_counts_itself(self):
        self.spy()
        here = self.measure_beside_a_thread()
        self.assertEqual(self.counted_by(), [os.getpid(), os.getpid()])
        self.assertEqual(self.changes(here)[__name__ + ".Kept"], 300)


class TypeNameTest(unittest.TestCase):
    def test_builtins_are_bare_and_others_qualified(self):
        self.assertEqual(type_name(bytearray), "bytearray")
        self.assertEqual(type_name(unittest.TestCase), "unittest.case.TestCase")

        class Inner:
            pass

        self.assertTrue(type_name(Inner).endswith(".TypeNameTest.test_builtins_are_bare_and_"
                                                  "others_qualified.<locals>.Inner"))

    def test_changes_are_largest_first_and_only_the_changed(self):
        before = {"dict": 10, "list": 5, "bytearray": 0}
        after = {"dict": 11, "list": 5, "bytearray": 200, "set": 2}
        self.assertEqual(
            type_changes(before, after),
            [("bytearray", 0, 200), ("set", 0, 2), ("dict", 10, 11)],
        )

    def test_held_untracked_objects_are_counted_and_ignored_containers_are_not(self):
        mine = [bytearray(3) for _ in range(7)]
        with_mine = count_types(())
        without = count_types((mine,))
        self.assertEqual(with_mine.get("bytearray", 0) - without.get("bytearray", 0), 7)
        lone = bytearray(1)  # referred to by no container, only by this frame
        self.assertEqual(count_types((mine,), held=[lone])["bytearray"],
                         without.get("bytearray", 0) + 1)


if __name__ == "__main__":
    unittest.main()
