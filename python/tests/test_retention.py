"""Retention paths (retention.py) in this process, on real objects under real tracemalloc:
each kind of root named, the same paths from one walk to the next, the walk's bounds, and
reference cycles no root reaches."""

from __future__ import annotations

import gc
import importlib
import os
import shutil
import sys
import tempfile
import textwrap
import threading
import time
import tracemalloc
import unittest

from allocdiff_harness import capture, retention
from tests.support import HarnessTestCase

MODULE = """\
    import gc

    history = []


    class Registry:
        items = []


    class Node:
        def __init__(self):
            self.other = None
            self.data = None


    def defaulted(value, seen=[]):
        seen.append(value)


    def make_counter():
        kept = []

        def add(value):
            kept.append(value)

        return add


    counter = make_counter()


    def fill(count):
        for _ in range(count):
            history.append(bytearray(100))  # LINE history


    def register(count):
        for _ in range(count):
            Registry.items.append(bytearray(100))  # LINE registry


    def default(count):
        for _ in range(count):
            defaulted(bytearray(100))  # LINE default


    def closure(count):
        for _ in range(count):
            counter(bytearray(100))  # LINE closure


    def chain(length):
        head = [bytearray(100)]  # LINE chain
        for _ in range(length):
            head = [head]
        history.append(head)


    def cycles(count):
        for _ in range(count):
            first = Node()
            second = Node()
            first.other = second
            second.other = first
            first.data = bytearray(100)  # LINE cycle
"""


class RetentionTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="allocdiff-retention-")
        self.name = "leaky_%d" % id(self)
        self.file = os.path.join(self.folder, self.name + ".py")
        source = textwrap.dedent(MODULE)
        with open(self.file, "w", encoding="utf-8") as file:
            file.write(source)
        self.lines = {}
        for number, line in enumerate(source.splitlines(), 1):
            if "# LINE " in line:
                self.lines[line.split("# LINE ")[1].strip()] = number
        sys.path.insert(0, self.folder)
        self.module = importlib.import_module(self.name)
        self.limits = (retention.SAMPLES, retention.MAX_DEPTH, retention.MAX_NODES)

    def tearDown(self):
        retention.SAMPLES, retention.MAX_DEPTH, retention.MAX_NODES = self.limits
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        gc.enable()
        sys.modules.pop(self.name, None)
        sys.path.remove(self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)

    def walk(self, action, *lines):
        """Run ``action`` traced, then find what keeps the objects of ``lines`` alive:
        ``{line: (objects, sampled, limited, paths)}``."""
        tracemalloc.start(1)
        try:
            action()
            wanted = capture.TracebackFilter([(self.name + ".py", self.lines[line])
                                              for line in lines])
            seconds, sites = retention.load(retention.find(wanted))
        finally:
            tracemalloc.stop()
        self.assertGreaterEqual(seconds, 0)
        found = {}
        for (filename, lineno), objects, sampled, limited, paths in sites:
            self.assertEqual(filename, self.file)
            [line] = [name for name, number in self.lines.items() if number == lineno]
            found[line] = (objects, sampled, limited, paths)
        return found

    def only_path(self, found, line):
        objects, sampled, limited, paths = found[line]
        self.assertFalse(limited)
        self.assertEqual(len(paths), 1, paths)
        kind, root, holder, holder_type, name, text, on_path, via, cycle = paths[0]
        self.assertEqual(on_path, sampled)
        return {"kind": kind, "root": root, "holder": holder, "holder_type": holder_type,
                "name": name, "path": text, "via": via, "cycle": cycle}

    def test_each_kind_of_root_is_named(self):
        module = self.name
        found = self.walk(
            lambda: (self.module.fill(30), self.module.register(30), self.module.default(30),
                     self.module.closure(30)),
            "history", "registry", "default", "closure",
        )
        self.assertEqual(set(found), {"history", "registry", "default", "closure"})
        history = self.only_path(found, "history")
        self.assertEqual((history["kind"], history["holder"], history["holder_type"]),
                         (retention.MODULE_GLOBAL, module + ".history", "list"))
        self.assertEqual(history["path"], module + ".history[…]")
        registry = self.only_path(found, "registry")
        self.assertEqual((registry["kind"], registry["holder"]),
                         (retention.CLASS_ATTRIBUTE, module + ".Registry.items"))
        default = self.only_path(found, "default")
        self.assertEqual((default["kind"], default["holder"]),
                         (retention.DEFAULT_ARGUMENT, module + ".defaulted(seen=…)"))
        closure = self.only_path(found, "closure")
        self.assertEqual((closure["kind"], closure["holder"]),
                         (retention.CLOSURE, module + ".make_counter.<locals>.add.<closure>.kept"))

    def test_the_same_objects_give_the_same_paths(self):
        tracemalloc.start(1)
        try:
            self.module.fill(200)
            self.module.register(50)
            wanted = capture.TracebackFilter([(self.name + ".py", self.lines["history"]),
                                              (self.name + ".py", self.lines["registry"])])
            first = retention.load(retention.find(wanted))[1]
            second = retention.load(retention.find(wanted))[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(first, second)
        self.assertEqual(len(first), 2)

    def test_samples_are_bounded_and_spread_over_the_objects(self):
        retention.SAMPLES = 5
        found = self.walk(lambda: self.module.fill(1000), "history")
        objects, sampled, limited, paths = found["history"]
        self.assertEqual(objects, 1000)
        self.assertEqual(sampled, 5)
        self.assertEqual(sum(path[6] for path in paths), 5)
        self.assertEqual(retention._spread(list(range(10)), 4), [0, 3, 6, 9])
        self.assertEqual(retention._spread([1, 2], 4), [1, 2])

    def test_a_chain_longer_than_the_walk_follows_is_not_found_and_says_so(self):
        retention.MAX_DEPTH = 10
        found = self.walk(lambda: self.module.chain(30), "chain")
        objects, sampled, limited, paths = found["chain"]
        self.assertTrue(limited)
        self.assertEqual([path[0] for path in paths], [retention.NOT_FOUND])
        # Within the depth, the same chain is found.
        retention.MAX_DEPTH = 40
        found = self.walk(lambda: self.module.chain(30), "chain")
        self.assertEqual(self.only_path(found, "chain")["kind"], retention.MODULE_GLOBAL)

    def test_the_walk_stops_at_its_object_limit(self):
        retention.MAX_NODES = 50
        retention.MAX_DEPTH = 500
        found = self.walk(lambda: self.module.chain(200), "chain")
        objects, sampled, limited, paths = found["chain"]
        self.assertTrue(limited)
        self.assertEqual([path[0] for path in paths], [retention.NOT_FOUND])

    def test_an_unreachable_cycle_is_named_with_its_types_and_where_its_members_were_made(self):
        gc.collect()
        gc.disable()
        found = self.walk(lambda: self.module.cycles(10), "cycle")
        self.assertFalse(gc.isenabled(), "the walk leaves the collector as it found it")
        gc.enable()
        cycle = self.only_path(found, "cycle")
        self.assertEqual(cycle["kind"], retention.UNREACHABLE)
        self.assertEqual(cycle["holder_type"], "bytearray")
        node = self.name + ".Node"
        self.assertEqual(cycle["cycle"].get(node), 2)
        # Where the cycle's members were made: CPython before 3.12 has no allocation traceback
        # for an instance that keeps its attributes inline.
        made = {(name, where[0]) for name, where in cycle["via"]}
        if sys.version_info >= (3, 12):
            self.assertEqual(made, {(node, self.file)})
        else:
            self.assertLessEqual(made, {(node, self.file)})
        self.assertLessEqual(len(cycle["via"]), retention.MAX_CYCLE_SITES)

    def test_a_cycle_the_collector_saved_is_held_by_gc_garbage(self):
        gc.collect()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            def action():
                self.module.cycles(5)
                gc.collect()
            found = self.walk(action, "cycle")
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        cycle = self.only_path(found, "cycle")
        self.assertEqual(cycle["kind"], retention.GARBAGE)


class SiteListAfterTheMeasurementTest(HarnessTestCase):
    """Without object counts, ``--retention-sites`` is read once the run has measured: a run
    given sites measures exactly what a run given none does, so it can prove it."""

    SCRIPT = """\
        cache = {}
        for i in range(300):
            cache[i] = bytearray(64)
        names = ["n%d" % i for i in range(200)]
        """

    def site_list(self, name, lines):
        # Lists of one length of path, as allocdiff makes them: the runs' arguments alike.
        path = os.path.join(self.make_temp_dir(), name)
        with open(path, "w") as file:
            file.write("".join("%s\n" % line for line in lines))
        return path

    def test_a_run_given_sites_measures_what_a_run_given_none_does(self):
        root = self.make_project({"bench.py": self.SCRIPT})
        empty = self.site_list("sites.txt", [])
        wanted = self.site_list("sites.txt", ["bench.py:3"])
        plain = self.run_harness(root, "bench.py", extra=["--retention-sites", empty])
        walked = self.run_harness(root, "bench.py", extra=["--retention-sites", wanted])
        self.assertSnapshotOk(plain)
        self.assertSnapshotOk(walked)
        self.assertNotIn("retention", plain.scenario)
        [site] = walked.scenario["retention"]["sites"]
        file = walked.snapshot["strings"][site["file"]]
        self.assertEqual((file, site["line"]), ("bench.py", 3))
        for figure in ("peakBytes", "retainedBytes", "retainedCount"):
            self.assertEqual(walked.scenario[figure], plain.scenario[figure], figure)
        self.assertEqual(walked.sites, plain.sites)

    def test_a_list_that_does_not_exist_yet_is_waited_for(self):
        root = self.make_project({"bench.py": self.SCRIPT})
        folder = self.make_temp_dir()
        path = os.path.join(folder, "sites.txt")

        def write_later():
            time.sleep(1.0)
            partial = os.path.join(folder, "partial.txt")
            with open(partial, "w") as file:
                file.write("bench.py:3\n")
            os.rename(partial, path)

        writer = threading.Thread(target=write_later)
        writer.start()
        try:
            run = self.run_harness(root, "bench.py", extra=["--retention-sites", path])
        finally:
            writer.join()
        self.assertSnapshotOk(run)
        [site] = run.scenario["retention"]["sites"]
        self.assertEqual(site["line"], 3)

    def test_a_list_that_is_not_valid_is_a_usage_error_after_the_run(self):
        root = self.make_project({"bench.py": self.SCRIPT})
        bad = self.site_list("sites.txt", ["bench.py"])
        run = self.run_harness(root, "bench.py", extra=["--retention-sites", bad])
        self.assertEqual(run.returncode, 2, run.describe())
        self.assertIn(b"expected path:line", run.stderr)
        self.assertFalse(os.path.exists(run.out_path))


if __name__ == "__main__":
    unittest.main()
