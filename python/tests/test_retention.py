"""Retention paths (retention.py) in this process, on real objects under real tracemalloc:
each kind of root named, the same paths from one walk to the next, the walk's bounds, and
reference cycles no root reaches."""

from __future__ import annotations

import gc
import importlib
import json
import marshal
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import threading
import time
import tracemalloc
import unittest

from allocdiff_harness import capture, retention, snapshot
from allocdiff_harness.paths import PathNormalizer
from allocdiff_harness.source import SourceIndex
from tests.support import HarnessTestCase

MODULE = """\
    import collections
    import functools
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


    shared = [object() for _ in range(500)]
    usage = []
    first = []
    second = []
    other = []
    queue = collections.deque()


    class Cache:
        entries = {}


    class Holder:
        pass


    holder = Holder()
    attribute_names = ["a%d" % number for number in range(500)]


    def use(count):
        for value in shared[:count]:
            usage.append(value)  # LINE usage


    def store(count):
        for key, value in enumerate(shared[:count]):
            Cache.entries[key] = value  # LINE store


    def enqueue(count):
        for value in shared[:count]:
            queue.append(value)  # LINE queue


    def attributes(count):
        for key, value in enumerate(shared[:count]):
            setattr(holder, attribute_names[key], value)  # LINE attributes


    def both(count):
        for value in shared[:count]:
            first.append(value)  # LINE first
            second.append(value)  # LINE second


    def grow(target, count):
        for value in shared[:count]:
            target.append(value)  # LINE grow


    def grow_other(count):
        for value in shared[:count]:
            other.append(value)  # LINE other


    def lost(count):
        kept = [None]
        kept[0] = kept
        for value in shared[:count]:
            kept.append(value)  # LINE lost


    class Item:
        def __init__(self, data):
            self.data = data


    items = []


    def keep_items(count):
        for _ in range(count):
            items.append(Item(bytearray(100)))  # LINE item data


    def keep_parts(count):
        for _ in range(count):
            items.append(Item([bytearray(100)]))  # LINE item part


    nested = []


    def nest(count):
        for _ in range(count):
            inner = list(shared[:1])  # LINE inner
            for value in shared[:20]:
                inner.append(value)  # LINE inner append
            nested.append((inner,))


    class Plain:
        def __init__(self, value):
            self.value = value


    plain = {}


    def keep_plain(count):
        for key, value in enumerate(shared[:count]):
            made = Plain(value)  # LINE plain
            plain[key] = made


    own = bytearray(100)  # LINE own


    class Owner:
        own = bytearray(100)  # LINE class own


    @functools.lru_cache(maxsize=None)  # LINE parsed cache
    def parsed(number):
        return bytearray(100 + number)  # LINE parsed


    @functools.lru_cache(maxsize=256)
    def bounded(number):
        return bytearray(100 + number)  # LINE bounded


    class Parser:
        @functools.lru_cache(maxsize=None)  # LINE method cache
        def parse(self, number):
            return bytearray(100 + number)  # LINE method


    parser = Parser()


    def parse_all(count):
        for number in range(count):
            parsed(number)
            bounded(number)
            parser.parse(number)


    seen = {}


    def make_key(number):
        return "key-%d-%s" % (number, "k" * 40)  # LINE key


    def see(count):
        for number in range(len(seen), len(seen) + count):
            seen[make_key(number)] = True


    class Index:
        def __init__(self):
            self.by_name = {}


    index = Index()


    def index_all(count):
        for number in range(count):
            index.by_name["name-%d-%s" % (number, "n" * 40)] = history  # LINE index key


    named = Holder()


    def name_attributes(count):
        for number in range(count):
            setattr(named, "attribute_%d_%s" % (number, "a" * 30), True)  # LINE attribute name


    names = set()


    def name_all(count):
        for number in range(count):
            names.add("name-%d-%s" % (number, "s" * 40))  # LINE set member


    class Failures:
        cache = {}


    def check(number):
        scratch = bytearray(100 + number)  # LINE frame local
        raise ValueError(number)


    def check_all(count):
        for number in range(count):
            try:
                check(number)
            except ValueError as error:
                Failures.cache[number] = error
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
        self.limits = (retention.SAMPLES, retention.MAX_DEPTH, retention.MAX_NODES,
                       retention.MAX_STORAGE_CANDIDATES, retention.MAX_UNTRACKED_SCAN)

    def tearDown(self):
        (retention.SAMPLES, retention.MAX_DEPTH, retention.MAX_NODES,
         retention.MAX_STORAGE_CANDIDATES, retention.MAX_UNTRACKED_SCAN) = self.limits
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        gc.enable()
        sys.modules.pop(self.name, None)
        sys.path.remove(self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)

    def walk(self, action, *lines, storage=None):
        """Run ``action`` traced, then find what keeps the objects of ``lines`` alive:
        ``{line: (objects, sampled, limited, paths)}`` (``storage``, a dict: filled with
        ``{line: what the look for containers found}``, with the traces' snapshot given)."""
        tracemalloc.start(1)
        try:
            action()
            wanted = capture.TracebackFilter([(self.name + ".py", self.lines[line])
                                              for line in lines])
            snapshot = tracemalloc.take_snapshot() if storage is not None else None
            seconds, sites = retention.load(retention.find(wanted, snapshot=snapshot))
            del snapshot
        finally:
            tracemalloc.stop()
        self.assertGreaterEqual(seconds, 0)
        found = {}
        for (filename, lineno), objects, sampled, limited, paths, looked in sites:
            self.assertEqual(filename, self.file)
            [line] = [name for name, number in self.lines.items() if number == lineno]
            found[line] = (objects, sampled, limited, paths)
            if storage is not None:
                storage[line] = looked
        return found

    def only_path(self, found, line):
        objects, sampled, limited, paths = found[line]
        self.assertFalse(limited)
        self.assertEqual(len(paths), 1, paths)
        kind, root, holder, holder_type, name, text, on_path, via, cycle, items, frame = paths[0]
        self.assertEqual(on_path, sampled)
        return {"kind": kind, "root": root, "holder": holder, "holder_type": holder_type,
                "name": name, "path": text, "via": via, "cycle": cycle, "items": items,
                "frame": frame}

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

    def test_a_stored_exception_keeps_its_frames_alive_for_what_holds_the_exception(self):
        # Exceptions kept in a class attribute's cache: each traceback keeps the frames it went
        # through, and their locals. Those frames have returned: the cache holds them.
        found = self.walk(lambda: self.module.check_all(30), "frame local")
        path = self.only_path(found, "frame local")
        self.assertEqual(
            (path["kind"], path["root"], path["holder"], path["holder_type"], path["frame"]),
            (retention.CLASS_ATTRIBUTE, self.name + ".Failures.cache",
             self.name + ".Failures.cache", "dict", None),
        )
        self.assertRegex(path["path"], r"^%s\.Failures\.cache\[\d+\]\.__traceback__\.tb_next"
                         r"\.tb_frame\.scratch$" % self.name)

    def test_a_running_frame_is_a_root_and_a_returned_one_is_not(self):
        walk = retention._Walk((), None, lambda filename: False)
        try:
            self.assertEqual(walk._root_of(sys._getframe())[0], retention.FRAME)
            try:
                self.module.check(0)
            except ValueError as error:
                returned = error.__traceback__.tb_next.tb_frame
            self.assertEqual(returned.f_code.co_name, "check")
            self.assertIsNone(walk._root_of(returned))
        finally:
            walk.clear()

    def test_the_holder_is_the_container_that_holds_the_sample_not_its_own_attribute(self):
        found = self.walk(lambda: self.module.keep_items(50), "item data")
        path = self.only_path(found, "item data")
        # items[…] is an Item, whose attribute `data` is the sample: the list keeps it alive.
        self.assertEqual(path["path"], self.name + ".items[…].data")
        self.assertEqual((path["kind"], path["holder"], path["holder_type"], path["name"]),
                         (retention.MODULE_GLOBAL, self.name + ".items", "list", "items"))
        # Deeper in an item (its attribute's own list): still the list of items.
        found = self.walk(lambda: self.module.keep_parts(50), "item part")
        path = self.only_path(found, "item part")
        self.assertTrue(path["path"].startswith(self.name + ".items[…].data"), path["path"])
        self.assertEqual((path["holder"], path["holder_type"]), (self.name + ".items", "list"))

    def test_an_object_that_is_a_global_itself_is_held_by_its_module_or_class(self):
        module = self.name

        def action():
            importlib.reload(self.module)  # the globals made under tracing

        found = self.walk(action, "own", "class own")
        own = self.only_path(found, "own")
        self.assertEqual((own["kind"], own["holder"], own["holder_type"], own["path"]),
                         (retention.MODULE_GLOBAL, module, "module", module + ".own"))
        owner = self.only_path(found, "class own")
        self.assertEqual(
            (owner["kind"], owner["holder"], owner["holder_type"], owner["path"]),
            (retention.CLASS_ATTRIBUTE, module + ".Owner", "type", module + ".Owner.own"),
        )

    def test_a_functools_lru_cache_is_named_as_the_cache_of_its_function(self):
        module = self.name
        found = self.walk(lambda: self.module.parse_all(40), "parsed", "bounded", "method")
        self.assertEqual(set(found), {"parsed", "bounded", "method"})
        # Unbounded: the results are the values of the cache's dict.
        parsed = self.only_path(found, "parsed")
        self.assertEqual(
            (parsed["kind"], parsed["holder"], parsed["holder_type"], parsed["name"]),
            (retention.MODULE_GLOBAL, module + ".parsed", retention.LRU_CACHE, "parsed"),
        )
        self.assertRegex(parsed["path"], r"^%s\.parsed\.<cache>\[\d+\]$" % module)
        # With a maxsize: held by the cache's links, which add nothing to the path.
        bounded = self.only_path(found, "bounded")
        self.assertEqual((bounded["holder"], bounded["holder_type"]),
                         (module + ".bounded", retention.LRU_CACHE))
        self.assertEqual(bounded["path"], module + ".bounded.<cache>")
        # A method's cache, reached through its class.
        method = self.only_path(found, "method")
        self.assertEqual(
            (method["kind"], method["holder"], method["holder_type"], method["name"]),
            (retention.CLASS_ATTRIBUTE, module + ".Parser.parse", retention.LRU_CACHE, "parse"),
        )
        self.assertEqual(method["path"], module + ".Parser.parse.<cache>[…]")
        for path in (parsed, bounded, method):
            self.assertNotIn(".?", path["path"])
        # Made at import, before any tracing: the cache is said to be made at its decorator.
        self.assertIn((retention.LRU_CACHE, (self.file, self.lines["parsed cache"])),
                      parsed["via"])
        self.assertIn((retention.LRU_CACHE, (self.file, self.lines["method cache"])),
                      method["via"])
        self.assertIn((retention.LRU_CACHE, (self.file, self.lines["bounded"] - 2)),
                      bounded["via"])

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

    def test_strings_held_only_as_keys_of_a_dict_are_found_under_the_dict(self):
        module = self.name
        # A dict of string keys gives the collector its values only: the keys are found by
        # reading the dict's keys, and held by it.
        found = self.walk(lambda: self.module.see(300), "key")
        self.assertEqual(found["key"][0], 300)
        key = self.only_path(found, "key")
        self.assertEqual(
            (key["kind"], key["holder"], key["holder_type"], key["name"], key["path"]),
            (retention.MODULE_GLOBAL, module + ".seen", "dict", "seen", module + ".seen[key]"),
        )
        # A dict the collector tracks (its values are a list), an instance's attribute.
        found = self.walk(lambda: self.module.index_all(200), "index key")
        self.assertEqual(found["index key"][0], 200)
        key = self.only_path(found, "index key")
        self.assertEqual(
            (key["kind"], key["holder"], key["holder_type"], key["path"]),
            (retention.MODULE_GLOBAL, module + ".Index.by_name", "dict",
             module + ".index.by_name[key]"),
        )

    def test_new_attribute_names_are_found_under_their_instance(self):
        module = self.name
        found = self.walk(lambda: self.module.name_attributes(200), "attribute name")
        self.assertGreaterEqual(found["attribute name"][0], 150)
        name = self.only_path(found, "attribute name")
        self.assertEqual(
            (name["kind"], name["holder"], name["holder_type"], name["path"]),
            (retention.MODULE_GLOBAL, module + ".named", module + ".Holder",
             module + ".named.__dict__[key]"),
        )

    def test_strings_held_by_a_set_are_found_under_the_set(self):
        found = self.walk(lambda: self.module.name_all(300), "set member")
        self.assertEqual(found["set member"][0], 300)
        member = self.only_path(found, "set member")
        self.assertEqual(
            (member["kind"], member["holder"], member["holder_type"], member["path"]),
            (retention.MODULE_GLOBAL, self.name + ".names", "set", self.name + ".names[…]"),
        )

    def test_the_keys_of_dicts_read_are_bounded(self):
        # Past the bound, no more keys are read: those of `seen` are not found then.
        retention.MAX_UNTRACKED_SCAN = 0
        self.assertNotIn("key", self.walk(lambda: self.module.see(300), "key"))
        retention.MAX_UNTRACKED_SCAN = self.limits[4]
        self.assertEqual(self.walk(lambda: self.module.see(300), "key")["key"][0], 300)

    def test_a_line_that_grows_a_containers_storage_names_the_container(self):
        module = self.name
        looked = {}
        found = self.walk(
            lambda: (self.module.use(300), self.module.store(300), self.module.enqueue(300)),
            "usage", "store", "queue", storage=looked,
        )
        self.assertEqual(looked, {"usage": retention.STORAGE_FOUND,
                                  "store": retention.STORAGE_FOUND,
                                  "queue": retention.STORAGE_FOUND})
        usage = self.only_path(found, "usage")
        self.assertEqual(
            (usage["kind"], usage["holder"], usage["holder_type"], usage["items"]),
            (retention.MODULE_GLOBAL, module + ".usage", "list", 300),
        )
        self.assertEqual(found["usage"][0], 0)  # no object of the line's own
        store = self.only_path(found, "store")
        self.assertEqual(
            (store["kind"], store["holder"], store["holder_type"], store["items"]),
            (retention.CLASS_ATTRIBUTE, module + ".Cache.entries", "dict", 300),
        )
        queue = self.only_path(found, "queue")
        self.assertEqual((queue["holder"], queue["holder_type"], queue["items"]),
                         (module + ".queue", "collections.deque", 300))
        # Without the traces' sizes, nothing is looked for: the sites have no object.
        self.assertEqual(self.walk(lambda: self.module.use(10), "usage"), {})

    def test_an_instances_attributes_storage_is_its_dict(self):
        looked = {}
        found = self.walk(lambda: self.module.attributes(200), "attributes", storage=looked)
        self.assertEqual(looked["attributes"], retention.STORAGE_FOUND)
        path = self.only_path(found, "attributes")
        self.assertEqual((path["holder"], path["holder_type"], path["items"]),
                         (self.name + ".holder.__dict__", "dict", 200))

    def test_the_container_the_line_names_is_taken_of_those_of_the_same_size(self):
        retention.MAX_STORAGE_CANDIDATES = 1
        looked = {}
        found = self.walk(lambda: self.module.both(300), "first", "second", storage=looked)
        self.assertEqual(self.only_path(found, "first")["holder"], self.name + ".first")
        self.assertEqual(self.only_path(found, "second")["holder"], self.name + ".second")

    def test_containers_a_line_does_not_name_are_taken_only_when_they_are_told_apart(self):
        module = self.module
        looked = {}
        found = self.walk(lambda: module.grow(module.usage, 300), "grow", storage=looked)
        self.assertEqual(self.only_path(found, "grow")["holder"], self.name + ".usage")
        module.usage.clear()
        module.usage.extend(module.shared[:300])
        # Two lists of that size now: the one grown by `other.append` and `usage`.
        looked = {}

        def action():
            module.grow_other(300)
            module.grow(module.first, 300)

        found = self.walk(action, "grow", storage=looked)
        self.assertEqual(looked["grow"], retention.STORAGE_SEVERAL)
        self.assertEqual([path[0] for path in found["grow"][3]], [retention.NOT_FOUND])

    def test_storage_of_containers_found_at_another_site_is_theirs_under_their_holder(self):
        looked = {}
        found = self.walk(lambda: self.module.nest(300), "inner", "inner append",
                          storage=looked)
        self.assertEqual(looked["inner append"], retention.STORAGE_HELD)
        grown = self.only_path(found, "inner append")
        # The lists made at the line before, which `nested` holds: the same holder as theirs.
        self.assertEqual(
            (grown["kind"], grown["holder"], grown["holder_type"], grown["path"]),
            (retention.MODULE_GLOBAL, self.name + ".nested", "list", self.name + ".nested[…][0]"),
        )
        self.assertEqual(grown["items"], 21 * found["inner append"][1])
        self.assertEqual(self.only_path(found, "inner")["holder"], self.name + ".nested")

    def test_instances_this_python_traces_no_line_for_are_said_so_not_storage(self):
        looked = {}
        found = self.walk(lambda: self.module.keep_plain(300), "plain", storage=looked)
        if sys.version_info >= (3, 12):
            # Traced: the instances themselves are found, under the dict that keeps them.
            self.assertEqual(self.only_path(found, "plain")["holder"], self.name + ".plain")
            return
        self.assertEqual(looked["plain"], retention.STORAGE_UNTRACED)
        objects, sampled, limited, paths = found["plain"]
        self.assertEqual((objects, sampled, limited), (0, 0, False))
        [path] = paths
        self.assertEqual((path[0], path[3]), (retention.NOT_FOUND, self.name + ".Plain"))
        self.assertGreaterEqual(path[9], 300)

    def test_storage_no_root_reaches_is_not_found_and_says_so(self):
        gc.collect()
        gc.disable()
        looked = {}
        try:
            found = self.walk(lambda: self.module.lost(300), "lost", storage=looked)
        finally:
            gc.enable()
        self.assertEqual(looked["lost"], retention.STORAGE_NONE)
        self.assertEqual([path[0] for path in found["lost"][3]], [retention.NOT_FOUND])

    def test_storage_paths_are_the_same_from_one_walk_to_the_next(self):
        tracemalloc.start(1)
        try:
            self.module.use(300)
            self.module.store(200)
            wanted = capture.TracebackFilter([(self.name + ".py", self.lines["usage"]),
                                              (self.name + ".py", self.lines["store"])])
            snapshot = tracemalloc.take_snapshot()
            first = retention.load(retention.find(wanted, snapshot=snapshot))[1]
            second = retention.load(retention.find(wanted, snapshot=snapshot))[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(first, second)
        self.assertEqual([site[5] for site in first], [retention.STORAGE_FOUND] * 2)


class RetentionDocumentTest(unittest.TestCase):
    """The snapshot's retention paths name files as its sites do."""

    def test_a_running_frame_root_names_its_file_in_the_project_never_its_folder(self):
        folder = os.path.realpath(tempfile.mkdtemp(prefix="allocdiff-frames-"))
        self.addCleanup(shutil.rmtree, folder, True)
        filename = os.path.join(folder, "app", "jobs.py")
        os.makedirs(os.path.dirname(filename))
        with open(filename, "w", encoding="utf-8") as file:
            file.write("def work():\n    batch = [bytearray(10) for _ in range(9)]\n")
        sites = snapshot.SiteTable(
            PathNormalizer(root=folder, stdlib=sysconfig.get_paths()["stdlib"], cwd=folder),
            SourceIndex(),
        )
        # What the walk gives of a frame that was running: its root spells the file as the
        # interpreter names it, and starts the holder and the path.
        raw = "work (%s:2)" % filename
        path = retention.Path(retention.FRAME, raw, raw, "frame", "", raw + ".batch[…]")
        path.frame = ("work", filename, 2)
        path.sampled = 3
        result = retention.SiteRetention((filename, 2))
        result.objects = result.sampled = 3
        result.paths = [path]
        found = marshal.dumps((0.5, [retention.plain(result)]))
        document = sites.retention(found, {("app/jobs.py", 2): (300, 3)}, {("app/jobs.py", 2)})
        [site] = document["sites"]
        [named] = site["paths"]
        self.assertEqual((named["root"], named["holder"], named["path"]), (
            "work (app/jobs.py:2)", "work (app/jobs.py:2)", "work (app/jobs.py:2).batch[…]"))
        self.assertNotIn(folder, json.dumps(document))


class SiteListFileTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="allocdiff-sites-")
        self.path = os.path.join(self.folder, "retention.txt")

    def tearDown(self):
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def test_the_site_list_is_read_after_the_measured_call_and_dropped_after_the_walk(self):
        sites = capture.SiteListFile(self.path, "--retention-sites")
        kept = []

        def action():
            # The list does not exist until the call writes it: read before, it would be
            # missing, and the walk would want nothing.
            kept.extend(bytearray(100) for _ in range(10))
            with open(self.path, "w", encoding="utf-8") as file:
                file.write("test_retention.py:%d\n" % (action.__code__.co_firstlineno + 3))

        result = capture.measure(action, 1, retention_filter=sites)
        self.assertIsNone(sites.error)
        self.assertIsNone(sites._filter, "the walk drops what it read")
        _, found = retention.load(result.retention)
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0][1], 10)  # the ten bytearrays
        self.assertEqual(sites.sites, [("test_retention.py", action.__code__.co_firstlineno + 3)])
        self.assertIsNone(sites.failure())

    def test_a_site_list_that_cannot_be_read_is_a_failure_naming_the_option(self):
        sites = capture.SiteListFile(self.path, "--retention-sites")
        self.assertFalse(sites.wants("app.py", 3))
        self.assertEqual(sites.sites, [])
        self.assertIn("--retention-sites %s: " % self.path, sites.failure())
        with open(self.path, "w", encoding="utf-8") as file:
            file.write("app.py:x\n")
        sites.forget()
        self.assertIn("line 1: expected path:line", sites.failure())


class RetentionRunTest(HarnessTestCase):
    """The harness's own runs: a run that walks measures exactly what one that does not."""

    BENCH = {
        "bench.py": """\
            import json
            DATA = [bytearray(3000) for _ in range(50)]
            TEXT = json.dumps(list(range(2000)))
            """
    }

    @unittest.skipUnless(shutil.which("setarch"), "needs setarch (util-linux)")
    def test_a_run_that_walks_measures_exactly_what_one_that_does_not(self):
        probe = subprocess.run(["setarch", platform.machine(), "-R", sys.executable, "-c", "pass"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if probe.returncode != 0:
            self.skipTest("setarch -R not permitted here: %r" % probe.stderr)
        root = self.make_project(self.BENCH)
        exact = {"env": {"PYTHONHASHSEED": "0"}, "wrapper": ["setarch", platform.machine(), "-R"],
                 "extra": ["--repeats", "3"], "object_types": True}
        plain = self.run_harness(root, "bench.py", **exact)
        # The same arguments (an --out of the same length): the sites are beside the snapshot.
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        self.assertEqual(len(out), len(plain.out_path))
        with open(out + ".retention-sites", "w", encoding="utf-8") as file:
            file.write("bench.py:2\n")
        walked = self.run_harness(root, "bench.py", out=out, **exact)
        self.assertSnapshotOk(plain)
        self.assertSnapshotOk(walked)
        self.assertNotIn("retention", plain.scenario)
        [site] = walked.scenario["retention"]["sites"]
        self.assertEqual(site["line"], 2)
        self.assertEqual(site["paths"][0]["holder"], "DATA")
        for figure in ("peakBytes", "retainedBytes", "retainedCount"):
            self.assertEqual(walked.scenario[figure], plain.scenario[figure], figure)
        self.assertEqual(walked.sites, plain.sites)
        self.assertEqual(walked.scenario["objectTypes"], plain.scenario["objectTypes"])

    def test_a_cache_of_exceptions_is_named_and_no_path_names_the_project_folder(self):
        root = self.make_project({"bench.py": """\
            import os


            class Parser:
                cache = {}


            def parse(number):
                scratch = bytearray(500 + number)
                raise ValueError(number)


            for number in range(40):
                try:
                    parse(number)
                except ValueError as error:
                    Parser.cache[number] = error

            here = os.path.dirname(os.path.abspath(__file__))
            pages = {}
            for number in range(40):
                pages[os.path.join(here, "templates", "page.html")] = bytearray(900)
            """})
        sites = os.path.join(self.make_temp_dir(), "sites.txt")
        with open(sites, "w", encoding="utf-8") as file:
            file.write("bench.py:9\nbench.py:22\n")
        run = self.run_harness(root, "bench.py", extra=["--retention-sites", sites])
        self.assertSnapshotOk(run)
        paths = {site["line"]: site["paths"] for site in run.scenario["retention"]["sites"]}
        [path] = paths[9]
        self.assertEqual((path["kind"], path["root"], path["holder"], path["holderType"]),
                         (retention.CLASS_ATTRIBUTE, "__main__.Parser.cache",
                          "__main__.Parser.cache", "dict"))
        # A dict keyed by files: the key named as the sites name files.
        [page] = paths[22]
        self.assertEqual(page["path"], "pages['templates/page.html']")
        # Nowhere the folder the project was run from.
        text = json.dumps(run.scenario["retention"])
        for folder in (root, os.path.realpath(root)):
            self.assertNotIn(folder, text)

    def test_a_named_site_list_that_is_not_there_is_a_usage_error(self):
        root = self.make_project(self.BENCH)
        missing = os.path.join(self.make_temp_dir(), "sites.txt")
        run = self.run_harness(root, "bench.py", extra=["--retention-sites", missing])
        self.assertEqual(run.returncode, 2, run.describe())
        self.assertIn(b"--retention-sites %s: " % missing.encode(), run.stderr)
        self.assertIsNone(run.snapshot)


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

    def test_a_pending_list_is_waited_for(self):
        root = self.make_project({"bench.py": self.SCRIPT})
        folder = self.make_temp_dir()
        path = os.path.join(folder, "sites.txt")
        # Written before the run starts: the list comes later, once allocdiff knows the sites.
        with open(path + ".pending", "w"):
            pass

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
