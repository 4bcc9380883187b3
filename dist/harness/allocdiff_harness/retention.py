"""Why memory is still allocated: the references that keep a site's objects alive.

tracemalloc says where an object was allocated; this says what still refers to it. For each
site asked for, the live objects allocated there are found (``gc.get_objects()``, and the
untracked objects they refer to, told apart by ``tracemalloc.get_object_traceback``), a few
of them are sampled, and ``gc`` referrers are followed back from the samples to a root: a
module's global, a class's attribute, a function's default argument or closure cell, the
benchmark's own globals, a frame that is running (of this thread or another), the measured
call's return value. A frame that has returned is no root: one kept by a stored exception's
traceback (a cache of exceptions raised again) is followed back, through the traceback and the
exception, to what holds the exception. Each sample's
shortest chain from a root is named (``catalog.cache.history[…][1]``), and samples are
grouped by the named container that holds them (``app.cache.LRU.history``).

A site where no live object was allocated, though it holds traced bytes, is most often a
line that grew a container's item storage (``registry.append(obj)``, ``cache[key] = obj`` of
an object made elsewhere): the item array of a list, the table of a dict or set, the blocks
of a deque are no Python objects. For such a site the containers whose item storage has the
exact size of one of the site's traced blocks are looked for, the ones the line names first
(``self._USAGE.append(…)`` names ``_USAGE``), and followed back to a root like samples.

Bounded: at most ``SAMPLES`` objects per site, ``MAX_DEPTH`` steps back, ``MAX_NODES``
objects visited; one ``gc.get_referrers`` scan per step for all samples at once.
Deterministic: everything is ordered by the collector's own lists (the order objects were
made in), never by address.

Runs while tracemalloc still traces the measured call's objects (after its after snapshot),
and reads instance attributes without making an instance's ``__dict__`` (which would be new
memory, and objects, that a later measurement would see).

Imported before the benchmark runs: standard-library modules that are always loaded only.
"""

import gc
import marshal
import sys
import time
import tracemalloc
from itertools import compress, filterfalse, islice, repeat
from operator import eq, is_, itemgetter, not_, sub

from . import collection, objects

SAMPLES = 24
MAX_DEPTH = 40
MAX_NODES = 20000
# Referrers followed from one object at most (a string referred to by thousands of lists).
MAX_REFERRERS = 64
# Untracked containers whose holder is remembered (for chains of untracked containers), at most.
MAX_HINTED_CONTAINERS = 20000
# Allocation lines named for an unreachable cycle's members, at most.
MAX_CYCLE_SITES = 16
# Objects looked into for untracked ones (strings, numbers) allocated at a site, at most;
# untracked containers looked into, at most; and the string keys of dicts read, at most.
MAX_UNTRACKED_SCAN = 200000
# The scan for a site's objects stops once those found make up this share of its traced
# bytes (their sizes as sys.getsizeof gives them).
FOUND_SHARE = 0.9

# Containers whose item storage may be a site's blocks, followed back per site, at most.
MAX_STORAGE_CANDIDATES = 64
# Bytes of a source file read for the line of a storage site, at most.
MAX_SOURCE_BYTES = 1 << 20
# The longest dict key kept whole in a path as a file's absolute path (see _is_file_path).
MAX_PATH_KEY = 4096

# Root kinds, as the snapshot names them.
MODULE_GLOBAL = "module global"
BENCHMARK_GLOBAL = "benchmark global"
CLASS_ATTRIBUTE = "class attribute"
DEFAULT_ARGUMENT = "default argument"
CLOSURE = "closure"
FUNCTION_ATTRIBUTE = "function attribute"
RETURN_VALUE = "return value"
FRAME = "frame"
THREAD = "thread"
GARBAGE = "gc.garbage"
UNREACHABLE = "unreachable"
NOT_FOUND = "not found"

# The holder type of the cache of a ``functools.lru_cache`` function: C code keeps its
# results, in a dict (and, with a maxsize, links) no attribute names.
LRU_CACHE = "functools.lru_cache"

# What the walk made of a site with no object found (SiteRetention.storage).
STORAGE_FOUND = "found"  # its paths lead to the containers whose item storage it is
STORAGE_NONE = "none"  # no container a root reaches has item storage of its blocks' sizes
# More such containers reach a root than the site has blocks, and the line names none of
# them: which one grew cannot be told.
STORAGE_SEVERAL = "several"
# No container of its own told apart, but containers the objects found hang from (the lists
# ``_history[…]`` holds, made at another site) have storage of its blocks' sizes: its paths
# lead to them, under their holder.
STORAGE_HELD = "held"
# The site's blocks have the size of instances of plain classes that this Python gives no
# allocation traceback (before 3.12, an instance that keeps its attributes inline): its objects
# may be those, which cannot be told apart by line.
STORAGE_UNTRACED = "untraced"
# The type flag of a class whose instances keep their attributes inline (CPython 3.11).
_MANAGED_DICT = 1 << 4

_FUNCTION = type(objects.type_name)
# This package's name: containers its modules hold are no benchmark's.
_HARNESS = __name__.rpartition(".")[0]


def _cell_type():
    value = None

    def inner():
        return value

    return type(inner.__closure__[0])


_CELL = _cell_type()
_FRAME = type(sys._getframe())


def _traceback_type():
    try:
        raise ValueError
    except ValueError as error:
        return type(error.__traceback__)


_TRACEBACK = _traceback_type()
_MODULE = type(sys)
_METHOD = type(objects.type_name.__get__(0))
_CONTAINERS = frozenset((dict, tuple, list, set, frozenset))
# Objects sifted at once (referents asked of, containers followed).
_BATCH = 2000
_ATOMS = (str, bytes, int, float, complex, bool, type(None))
_SEQUENCES = (list, tuple)
# The first item of a tuple (an innermost frame), called from C loops: unlike a slot wrapper
# (``tuple.__getitem__``), it takes its argument without a tuple of arguments, which tracing
# would trace.
_FIRST = itemgetter(0)
# What _step says of an instance's reference to its own __dict__.
_OWN_DICT = "__dict__"
# What _step says of an exception's reference to its traceback.
_TRACEBACK_STEP = ".__traceback__"


class _Scan:
    """How far the scan for untracked objects went."""

    def __init__(self):
        self.holders = 0
        self.containers = 0
        self.keys = 0


class SiteRetention:
    """What keeps one site's objects alive (raw: file names as tracemalloc gives them)."""

    def __init__(self, key):
        self.key = key  # (filename, lineno)
        self.objects = 0  # live objects allocated at the site, found
        self.sampled = 0
        self.limited = False  # the walk stopped at its limits before every sample had a root
        # [Path], most samples first
        self.paths = []
        # No object found: what the look for containers whose item storage the site's bytes
        # are found (STORAGE_*); the samples are then those containers. None otherwise.
        self.storage = None


class Path:
    def __init__(self, kind, root, holder, holder_type, name, path):
        self.kind = kind
        self.root = root
        self.holder = holder
        self.holder_type = holder_type
        self.name = name
        self.path = path
        # A running frame's root: ``(function, filename, lineno)``, its file as the interpreter
        # names it (``root`` spells it so): the snapshot names it as its sites' files.
        self.frame = None
        self.sampled = 0
        # [(type name, (filename, lineno))]: objects on the chain the measured call
        # allocated (the sample itself left out), root first.
        self.via = []
        # Unreachable: {type name: objects} in what refers to the samples.
        self.cycle = None
        # Storage paths: the items of the containers (the samples) the path leads to.
        self.items = None


def find(wanted, *, held=(), main_globals=None, is_machinery=None, snapshot=None):
    """What keeps the objects of the sites ``wanted`` (a capture.TracebackFilter) wants
    alive, from the live objects the current trace knows, as ``marshal`` bytes of
    ``(seconds, [site])`` (see ``plain``): a single bytes object, which no object count after
    it sees. ``snapshot``: a tracemalloc snapshot of the current traces, which tells the scan
    how many bytes each site holds (so when it has found its objects)."""
    results, seconds = _find(wanted, held, main_globals, is_machinery, snapshot)
    return marshal.dumps((seconds, [plain(result) for result in results]))


def plain(result):
    """A SiteRetention as tuples of plain values (what ``load`` gives back): ``(key,
    objects, sampled, limited, [path], storage)``, each path ``(kind, root, holder,
    holder_type, name, path, sampled, via, cycle, items, frame)``."""
    return (
        tuple(result.key),
        result.objects,
        result.sampled,
        result.limited,
        [
            (
                path.kind, path.root, path.holder, path.holder_type, path.name, path.path,
                path.sampled, [(name, tuple(where)) for name, where in path.via], path.cycle,
                path.items, path.frame,
            )
            for path in result.paths
        ],
        result.storage,
    )


def load(data):
    """``(seconds, [site])`` from what ``find`` returned."""
    return marshal.loads(data)


def traced_bytes(snapshot, wanted):
    """``{frame: bytes}``: the bytes ``snapshot`` traces to each innermost frame (as
    ``_innermost`` gives it) that ``wanted`` wants; None when the snapshot's raw traces are
    not there to read."""
    blocks = traced_blocks(snapshot, wanted)
    if blocks is None:
        return None
    return {frame: sum(sizes) for frame, sizes in blocks.items()}


def traced_blocks(snapshot, wanted):
    """``{frame: [block size]}``: the sizes of the blocks ``snapshot`` traces to each
    innermost frame that ``wanted`` wants; None when the snapshot's raw traces are not there
    to read. Sifted by C loops, one pass over the traces for each such frame."""
    raw = getattr(getattr(snapshot, "traces", None), "_traces", None)
    if not isinstance(raw, list):
        return None
    try:
        # A raw trace: (domain, size, frames most recent first, ...).
        frames = list(map(_FIRST, map(itemgetter(2), raw)))
        sizes = list(map(itemgetter(1), raw))
    except (IndexError, TypeError):
        return None
    blocks = {}
    for frame in sorted(set(frames)):
        if wanted.wants(*frame):
            blocks[frame] = list(compress(sizes, map(eq, repeat(frame), frames)))
    return blocks


def _find(wanted, held, main_globals, is_machinery, snapshot):
    started = time.perf_counter()
    blocks = traced_blocks(snapshot, wanted) if snapshot is not None else None
    # gc.get_objects() and gc.get_referrers() see no frozen object.
    collection.thaw()
    # The walk's own short-lived containers would set off collections of the whole heap.
    enabled = gc.isenabled()
    gc.disable()
    walk = _Walk(held, main_globals, is_machinery or (lambda filename: False))
    try:
        results = walk.run(wanted, blocks)
    finally:
        walk.clear()
        if enabled:
            gc.enable()
    return results, time.perf_counter() - started


# The raw traceback (frames most recent first) where this CPython has it: what
# get_object_traceback wraps in a Traceback, at a third of the cost.
_raw_traceback = getattr(tracemalloc, "_get_object_traceback", None)


def _innermost(obj):
    """``(filename, lineno)`` of the frame that allocated ``obj``; None when not traced."""
    if _raw_traceback is not None:
        frames = _raw_traceback(obj)
        return frames[0] if frames else None
    traceback = tracemalloc.get_object_traceback(obj)
    if not traceback:
        return None
    frame = traceback[-1]
    return (frame.filename, frame.lineno)


class _Walk:
    def __init__(self, held, main_globals, is_machinery):
        self.held = {id(value): value for value in held if value is not None}
        self.main_globals = main_globals
        self.is_machinery = is_machinery
        self.own = set()  # ids of the walk's own containers
        self.module_dicts = {}
        self.module_namespaces = []  # in the order of the modules' names
        for name in sorted(sys.modules):
            module = sys.modules.get(name)
            namespace = getattr(module, "__dict__", None)
            if isinstance(namespace, dict) and id(namespace) not in self.module_dicts:
                self.module_dicts[id(namespace)] = name
                self.module_namespaces.append(namespace)
        self.thread_frames = set()
        # {id: frame}: the frames running as the walk starts, on every thread's stack (this
        # thread's from the walk's caller on), the only frames that are roots; kept, so that no
        # other object takes the id of one that returns.
        self.running = {}
        current = sys._getframe()
        frames = sys._current_frames()
        for thread_id, frame in sorted(frames.items()):
            other = frame is not current and thread_id != _main_thread_id()
            if frame is current:
                frame = frame.f_back
            while frame is not None:
                self.running[id(frame)] = frame
                if other:
                    self.thread_frames.add(id(frame))
                frame = frame.f_back
        del frames, current, frame
        self.nodes = {}
        self.up = {}
        self.roots = {}
        self.names_of = {}
        # {id: untracked container}: what holds an untracked object (see _untracked).
        self.hints = {}
        # Untracked dicts the scan met, maybe more than once (see _untracked).
        self.loose_dicts = []
        self.mine(self.nodes, self.held, self.hints, self.module_namespaces, self.loose_dicts,
                  self.running)

    def clear(self):
        self.nodes.clear()
        self.up.clear()
        self.roots.clear()
        self.held.clear()
        self.running.clear()
        self.names_of.clear()
        self.hints.clear()
        del self.module_namespaces[:], self.loose_dicts[:]

    def mine(self, *containers):
        for container in containers:
            self.own.add(id(container))

    # -- finding the objects of each site

    def run(self, wanted, blocks):
        """``blocks``: see ``traced_blocks`` (None: not known; no storage is looked for)."""
        goal = None
        if blocks is not None:
            goal = {frame: sum(sizes) for frame, sizes in blocks.items()}
        found = {}
        self.mine(found)
        everything = gc.get_objects()
        self.mine(everything)
        self._scan(everything, wanted, found, goal)
        # Sites that hold traced bytes but no object: the item storage of containers.
        bare = sorted(frame for frame, sizes in (blocks or {}).items()
                      if sizes and frame not in found)
        candidates = self._storage_candidates(everything, bare, blocks) if bare else {}
        # The containers found at the other sites (lists made at one line, grown at the next):
        # walked back with the samples, whose item storage a bare site's blocks may be.
        sizer = _StorageSizer()
        known = []
        self.mine(known)
        if bare:
            wanted_sizes = set()
            for frame in bare:
                wanted_sizes.update(blocks[frame])
            for key in sorted(found):
                matching = [obj for obj in found[key] if sizer.size(obj) in wanted_sizes]
                known.extend(_spread(matching, SAMPLES))
                del matching
        untraced = {}
        if bare and sys.version_info < (3, 12):
            untraced = self._untraced_instances(everything, bare, blocks)
        del everything
        results = []
        storage = []
        samples = []
        self.mine(results, storage, samples)
        for key in sorted(found):
            group = found[key]
            result = SiteRetention(key)
            result.objects = len(group)
            picked = _spread(group, SAMPLES)
            self.mine(picked)
            result.sampled = len(picked)
            results.append((result, picked))
            samples.extend(picked)
        found.clear()
        for key in bare:
            result = SiteRetention(key)
            result.storage = STORAGE_NONE
            picked, names, limited = candidates[key]
            result.limited = limited
            storage.append((result, picked, names, len(blocks[key])))
            samples.extend(picked)
        candidates.clear()
        samples.extend(known)
        exhausted = self._walk_back(samples) if samples else True
        nearest = self._nearest_roots()
        # What the objects found (not the storage candidates) hang from: the containers a bare
        # site's storage is looked for in when no container of its own was told apart.
        on_chains = {}
        if bare:
            for obj in known + [obj for _, picked in results for obj in picked]:
                key = id(obj)
                while key in nearest and key not in on_chains:
                    on_chains[key] = self.nodes[key]
                    key = nearest[key][1]
                    if key is None:
                        break
        del known[:]
        for result, picked in results:
            self._group(result, picked, nearest, exhausted)
        for result, picked, names, count in storage:
            self._group_storage(result, picked, names, count, nearest, exhausted)
            if result.storage != STORAGE_FOUND and result.key in untraced:
                # Most of its blocks are the size of instances no line is known for: those
                # are its objects more likely than storage the chains of others reach.
                type_name, count = untraced[result.key]
                result.storage = STORAGE_UNTRACED
                result.limited = False
                path = Path(NOT_FOUND, "", "", type_name, "", "")
                path.items = count
                result.paths = [path]
            elif result.storage != STORAGE_FOUND:
                self._group_known_storage(result, blocks[result.key], on_chains, nearest, sizer)
            results.append((result, picked))
        del samples[:], storage[:]
        return sorted((result for result, _ in results), key=lambda result: result.key)

    # -- the item storage of containers

    def _storage_candidates(self, everything, frames, blocks):
        """``{frame: (containers, names, limited)}`` for each of ``frames`` (sites with no
        object found): the containers whose item storage has the size of one of the site's
        blocks (``blocks``), those the site's line names first, at most
        ``MAX_STORAGE_CANDIDATES`` (``limited`` when more were left out); ``names``: the
        identifiers the line spells."""
        collections = sys.modules.get("collections")
        deque = getattr(collections, "deque", None)
        kinds = {}
        types = list(map(type, everything))
        for cls in set(types):
            kinds[cls] = _storage_kind(cls, deque)
        containers = list(compress(everything, map(kinds.__getitem__, types)))
        del types
        self.mine(containers)
        # The untracked dicts the scan met (each once), after the tracked containers.
        kinds[dict] = dict
        loose = set()
        for container in self.loose_dicts:
            if id(container) not in loose:
                loose.add(id(container))
                containers.append(container)
        loose.clear()
        # (container, its storage's size, its kind): the built-in lists, dicts and sets
        # themselves sized by C loops (sys.getsizeof less an empty one's), in the collector's
        # order; then deques (a deque grows a block at a time) and subclasses, by their base's
        # own __sizeof__ (never one a subclass defines).
        own = self.own
        containers = list(compress(containers, map(not_, map(own.__contains__,
                                                             map(id, containers)))))
        empty = _empty_sizes()
        types = list(map(type, containers))
        plain = list(map(empty.__contains__, types))
        sized_containers = list(compress(containers, plain))
        sizes = list(map(sub, map(sys.getsizeof, sized_containers),
                         map(empty.__getitem__, compress(types, plain))))
        del types
        block = _deque_block(deque) if deque is not None else None
        for container in compress(containers, map(not_, plain)):
            kind = kinds[type(container)]
            try:
                size = kind.__sizeof__(container) - type(container).__basicsize__
            except Exception:  # noqa: BLE001 - a container torn down by a thread
                continue
            sized_containers.append(container)
            sizes.append(block if kind is deque and size > 0 else size)
        del plain
        self.mine(sized_containers, sizes)
        del containers[:]
        dicts = list(compress(sized_containers, map(is_, map(type, sized_containers),
                                                    repeat(dict))))
        self.mine(dicts)
        found = {}
        for frame in frames:
            wanted_sizes = set(blocks[frame])
            matching = list(compress(sized_containers, map(wanted_sizes.__contains__, sizes)))
            self.mine(matching)
            names = _line_names(*frame)
            limited = False
            if len(matching) > MAX_STORAGE_CANDIDATES:
                # The ones a dict (a module's, a class's, an instance's) keeps under a name
                # the line spells first: one C loop over the dicts for each name.
                named = set()
                for name in sorted(names):
                    named.update(map(id, map(dict.get, dicts, repeat(name))))
                is_named = list(map(named.__contains__, map(id, matching)))
                ordered = list(compress(matching, is_named))
                ordered.extend(compress(matching, map(not_, is_named)))
                named.clear()
                del is_named
                limited = True
                matching = ordered[:MAX_STORAGE_CANDIDATES]
                del ordered
                self.mine(matching)
            found[frame] = (matching, names, limited)
        del sized_containers[:], sizes[:], dicts[:]
        return found

    def _group_storage(self, result, picked, names, blocks, nearest, exhausted):
        """The paths of the containers (``picked``) whose item storage a site's ``blocks``
        blocks may be: those the site's line names (``names``); else, when no more reach a
        root than the site has blocks, every one that does."""
        reached = []
        for obj in picked:
            key = id(obj)
            if key not in nearest:
                continue
            chain = [key]
            while nearest[chain[-1]][1] is not None:
                chain.append(nearest[chain[-1]][1])
            chain.reverse()
            path = self._describe(chain, storage=True)
            if path.root == _HARNESS or path.root.startswith(_HARNESS + "."):
                continue  # the harness's own state, not the benchmark's
            reached.append((obj, path))
        named = [(obj, path) for obj, path in reached if path.name and path.name in names]
        if named:
            chosen = named
            # What the line names is taken: the containers left out at the limit are not needed.
            result.limited = False
        elif reached and len(reached) <= blocks and not result.limited:
            chosen = reached
        else:
            if reached:
                result.storage = STORAGE_SEVERAL
            elif not exhausted and picked:
                result.limited = True
            path = Path(NOT_FOUND, "", "", "", "", "")
            result.paths = [path]
            return
        result.storage = STORAGE_FOUND
        _storage_paths(result, chosen)

    def _untraced_instances(self, everything, frames, blocks):
        """``{frame: (type name, instances)}`` for the sites of ``frames`` at least half of
        whose blocks have the size of live instances of a class that keeps its attributes
        inline and that have no allocation traceback (this Python traces none): their type
        (one the site's line spells first, else the one most of them are), and how many of
        them there are."""
        flags = {}
        types = list(map(type, everything))
        for cls in set(types):
            flags[cls] = bool(getattr(cls, "__flags__", 0) & _MANAGED_DICT)
        instances = list(compress(everything, map(flags.__getitem__, types)))
        del types
        self.mine(instances)
        if _raw_traceback is not None:
            instances = list(compress(instances, map(not_, map(_raw_traceback, instances))))
        else:
            instances = [obj for obj in instances if tracemalloc.get_object_traceback(obj) is None]
        self.mine(instances)
        by_size = {}
        for cls, size in zip(map(type, instances), map(sys.getsizeof, instances)):
            counts = by_size.setdefault(size, {})
            counts[cls] = counts.get(cls, 0) + 1
        del instances[:]
        found = {}
        for frame in frames:
            sizes = blocks[frame]
            matched = sum(1 for size in sizes if size in by_size)
            if not matched or 2 * matched < len(sizes):
                continue
            counts = {}
            for size in set(sizes):
                for cls, count in by_size.get(size, {}).items():
                    counts[cls] = counts.get(cls, 0) + count
            # The class the line spells (``Result(fields, spans)``) first, then the most.
            names = _line_names(*frame)
            cls, count = sorted(counts.items(), key=lambda item: (
                getattr(item[0], "__name__", None) not in names, -item[1],
                objects.type_name(item[0])))[0]
            found[frame] = (objects.type_name(cls), count)
        return found

    def _group_known_storage(self, result, sizes, on_chains, nearest, sizer):
        """A site whose storage no container of its own was told apart for: the containers
        on the chains from the objects found to their roots (``on_chains``: the objects of the
        other sites, and what holds them on the way) whose item storage has the size of one
        of its blocks, when some do. Its
        paths are theirs: the item storage of the lists ``_history[…]`` holds, under the
        holder the other sites' objects were found under."""
        wanted = set(sizes)
        reached = []
        for key, obj in on_chains.items():
            step = nearest[key]
            if step[1] is None or key in self.module_dicts:
                continue  # a root itself
            if isinstance(obj, dict) and isinstance(self.nodes[step[1]], (type, _MODULE)):
                continue  # a class's or module's namespace
            if sizer.size(obj) not in wanted:
                continue
            chain = [key]
            while nearest[chain[-1]][1] is not None:
                chain.append(nearest[chain[-1]][1])
            chain.reverse()
            path = self._describe(chain, storage=True)
            if path.root == _HARNESS or path.root.startswith(_HARNESS + "."):
                continue
            path.holder_type = objects.type_name(type(obj))
            reached.append((obj, path))
            if len(reached) >= SAMPLES:
                break
        if not reached:
            return
        result.storage = STORAGE_HELD
        result.limited = False
        _storage_paths(result, reached)

    def _add(self, found, obj, frame):
        group = found.get(frame)
        if group is None:
            group = found[frame] = []
            self.mine(group)
        group.append(obj)

    def _scan(self, everything, wanted, found, goal):
        """The live objects allocated at a wanted site, into ``found``: tracked objects
        (``everything``), and the untracked objects (strings, numbers) they refer to,
        directly or through untracked containers (the collector stops tracking a dict or
        tuple that holds only untracked objects). What such a container holds is remembered
        as held by it (``hints``): ``gc.get_referrers`` sees tracked referrers only.

        The roots first (the benchmark's globals, the return value, modules' globals), then
        tracked objects newest first, with what those at wanted sites hold: the scan stops
        once the objects found make up ``FOUND_SHARE`` of each site's traced bytes (``goal``,
        see ``traced_bytes``; without it, every object is looked at). Only then, and only
        when a site has no object found yet, are the other objects looked into for untracked
        ones, at most ``MAX_UNTRACKED_SCAN`` of them.

        Objects are sifted in batches by C loops (``map``, ``compress``): only those allocated
        at a wanted site, and untracked containers, are handled one by one."""
        verdicts = {}  # {frame: whether wanted wants it}
        seen = set()  # ids of the untracked objects found
        got = {}  # {frame: bytes of the objects found}
        scan = _Scan()
        if goal is not None and not goal:
            return

        def add(hits):
            for obj, frame in hits:
                self._add(found, obj, frame)
                if goal is not None and frame in goal:
                    got[frame] = got.get(frame, 0) + sys.getsizeof(obj, 0)

        def done():
            return goal is not None and all(
                got.get(frame, 0) >= FOUND_SHARE * size for frame, size in goal.items()
            )

        # The roots' untracked objects (the benchmark's globals, the return value, modules'
        # globals), then tracked objects and what they hold, newest first.
        roots = [self.main_globals]
        roots.extend(self.held.values())
        roots.extend(self.module_namespaces)
        add(self._untracked(list(filter(gc.is_tracked, roots)), wanted, verdicts, seen, scan))
        del roots
        end = len(everything)
        while end > 0 and not done():
            batch = everything[max(0, end - _BATCH):end]
            batch.reverse()
            end -= len(batch)
            hits = _at_wanted_sites(batch, wanted, verdicts)
            add(hits)
            if hits:
                add(self._untracked([obj for obj, _ in hits], wanted, verdicts, seen, scan))
            del batch, hits
        # Untracked objects held by objects of other sites, for a site not found yet.
        sites = goal if goal is not None else getattr(wanted, "sites", ())
        if len(found) >= len(sites):
            return
        end = len(everything)
        while end > 0 and scan.holders < MAX_UNTRACKED_SCAN and not done():
            batch = everything[max(0, end - _BATCH):end]
            batch.reverse()
            end -= len(batch)
            scan.holders += len(batch)
            add(self._untracked(batch, wanted, verdicts, seen, scan))
            del batch

    def _untracked(self, holders, wanted, verdicts, seen, scan):
        """``[(obj, frame)]``: the untracked objects at wanted sites that ``holders`` hold,
        directly or through untracked containers, each once (``seen``)."""
        found = []
        containers = []

        def sift(batch):
            """``(objects at wanted sites, untracked containers)`` that ``batch`` holds,
            not seen before, each once."""
            loose = list(filterfalse(gc.is_tracked, gc.get_referents(*batch)))
            hits = []
            for obj, frame in _at_wanted_sites(loose, wanted, verdicts):
                if id(obj) not in seen:
                    seen.add(id(obj))
                    hits.append((obj, frame))
            # The string keys of dicts, which the collector does not see them hold.
            hits.extend(self._keys_at_wanted_sites(batch, wanted, verdicts, seen, scan))
            # Containers are not told apart (each id() is an allocation, and traced): one
            # held twice is looked into twice, within the scan's bound.
            inner = list(compress(loose, map(_CONTAINERS.__contains__, map(type, loose))))
            # Untracked dicts (of numbers, strings, plain objects): whose item storage a site
            # with no object may be (see _storage_candidates).
            self.loose_dicts.extend(compress(inner, map(is_, map(type, inner), repeat(dict))))
            return hits, inner

        hits, inner = sift(holders)
        found.extend(hits)
        containers.extend(inner[:max(0, MAX_UNTRACKED_SCAN - scan.containers)])
        del hits, inner
        while containers and scan.containers < MAX_UNTRACKED_SCAN:
            batch = containers[-_BATCH:]
            del containers[-_BATCH:]
            scan.containers += len(batch)
            hits, inner = sift(batch)
            # What holds each found object, and (for the first containers only: a bound on
            # the walk's cost) each container inside another.
            hinted = inner if scan.containers <= MAX_HINTED_CONTAINERS else ()
            if hits or hinted:
                wanted_ids = {id(obj) for obj, _ in hits}
                wanted_ids.update(id(obj) for obj in hinted)
                for holder in reversed(batch):
                    for obj in gc.get_referents(holder):
                        if id(obj) in wanted_ids and id(obj) not in self.hints:
                            self.hints[id(obj)] = holder
                del wanted_ids
            found.extend(hits)
            containers.extend(inner)
            del batch, hits, inner, hinted
        del containers[:]
        return found

    def _keys_at_wanted_sites(self, holders, wanted, verdicts, seen, scan):
        """``[(key, frame)]``: the string keys at wanted sites of the dicts among ``holders``,
        not seen before, each once; each is remembered as held by its dict (``hints``). A dict
        whose keys are all strings gives the collector its values only (strings make no
        cycles), so neither ``gc.get_referents`` nor ``gc.get_referrers`` sees it hold its keys:
        a ``seen[make_key()] = True`` would hold objects no walk finds. Sifted by C loops, at
        most ``MAX_UNTRACKED_SCAN`` keys in all (``scan``)."""
        if scan.keys >= MAX_UNTRACKED_SCAN:
            return []
        dicts = list(compress(holders, map(isinstance, holders, repeat(dict))))
        if not dicts:
            return []
        keys = []
        self.mine(dicts, keys)
        for mapping in dicts:
            room = MAX_UNTRACKED_SCAN - scan.keys
            if room <= 0:
                break
            try:
                # The dict's own keys, never a subclass's __iter__ (code the walk would run).
                keys.extend(islice(dict.keys(mapping), room))
            except RuntimeError:  # a dict changed by a thread while read
                continue
            scan.keys += min(len(mapping), room)
        keys = list(compress(keys, map(is_, map(type, keys), repeat(str))))
        self.mine(keys)
        hits = []
        for obj, frame in _at_wanted_sites(keys, wanted, verdicts):
            if id(obj) not in seen:
                seen.add(id(obj))
                hits.append((obj, frame))
        del keys[:]
        if hits:
            wanted_ids = {id(obj) for obj, _ in hits}
            for mapping in dicts:
                try:
                    held = wanted_ids.intersection(map(id, dict.keys(mapping)))
                except RuntimeError:
                    continue
                for key in held:
                    self.hints.setdefault(key, mapping)
                wanted_ids.difference_update(held)
                if not wanted_ids:
                    break
            del wanted_ids
        del dicts[:]
        return hits

    # -- walking back

    def _root_of(self, obj):
        """``(kind, name)`` when ``obj`` is a root, else None."""
        key = id(obj)
        if obj is self.main_globals:
            return (BENCHMARK_GLOBAL, "")
        if key in self.held:
            return (RETURN_VALUE, "")
        if obj is gc.garbage:
            return (GARBAGE, "gc.garbage")
        if isinstance(obj, dict):
            name = self.module_dicts.get(key)
            if name is not None:
                return (MODULE_GLOBAL, name)
            return None
        if isinstance(obj, type):
            return (CLASS_ATTRIBUTE, objects.type_name(obj))
        if isinstance(obj, _FUNCTION) and "<locals>" not in getattr(obj, "__qualname__", ""):
            # A module-level function is a root; a closure or lambda is followed back to
            # what holds it (a listener list, a global).
            return (FUNCTION_ATTRIBUTE, _function_name(obj))
        if isinstance(obj, _MODULE):
            return (MODULE_GLOBAL, getattr(obj, "__name__", "?"))
        if isinstance(obj, _FRAME) and self.running.get(key) is obj:
            # A frame still running (its locals are live); one that returned is only kept by
            # what refers to it (a traceback, a generator), followed back like any object.
            code = obj.f_code
            where = "%s (%s:%d)" % (code.co_name, code.co_filename, obj.f_lineno)
            return (THREAD if key in self.thread_frames else FRAME, where)
        return None

    def _skip(self, referrer):
        if id(referrer) in self.own:
            return True
        if isinstance(referrer, _FRAME):
            return self.is_machinery(referrer.f_code.co_filename)
        return False

    def _walk_back(self, samples):
        """Follow referrers back from every sample at once, a step at a time, until each
        chain meets a root; returns True when nothing was left to follow (no limit hit)."""
        frontier = []
        self.mine(frontier)
        for obj in samples:
            if id(obj) not in self.nodes:
                self.nodes[id(obj)] = obj
                root = self._root_of(obj)
                if root is not None:
                    self.roots[id(obj)] = root
                else:
                    frontier.append(obj)
        for _ in range(MAX_DEPTH):
            if not frontier or len(self.nodes) >= MAX_NODES:
                break
            wanted = {id(obj) for obj in frontier}
            arguments = tuple(frontier)
            self.mine(arguments)
            referrers = gc.get_referrers(*arguments)
            self.mine(referrers)
            following = []
            self.mine(following)
            taken = {}
            for referrer in referrers:
                if self._skip(referrer):
                    continue
                parent = id(referrer)
                linked = False
                for child in gc.get_referents(referrer):
                    child_id = id(child)
                    if child_id not in wanted or child_id == parent:
                        continue
                    edges = self.up.setdefault(child_id, [])
                    if parent not in edges and taken.get(child_id, 0) < MAX_REFERRERS:
                        edges.append(parent)
                        taken[child_id] = taken.get(child_id, 0) + 1
                        linked = True
                if not linked or parent in self.nodes:
                    continue
                self.nodes[parent] = referrer
                root = self._root_of(referrer)
                if root is not None:
                    self.roots[parent] = root
                else:
                    following.append(referrer)
            del referrers[:]
            # Untracked containers, which no scan of the collector's objects finds.
            for obj in frontier:
                hinted = self.hints.get(id(obj))
                if hinted is None:
                    continue
                edges = self.up.setdefault(id(obj), [])
                if id(hinted) not in edges:
                    edges.append(id(hinted))
                if id(hinted) not in self.nodes:
                    self.nodes[id(hinted)] = hinted
                    root = self._root_of(hinted)
                    if root is not None:
                        self.roots[id(hinted)] = root
                    else:
                        following.append(hinted)
            del frontier[:]
            frontier = following
            if len(self.nodes) >= MAX_NODES:
                break
        return not frontier

    def _nearest_roots(self):
        """``{object id: (root id, next id toward the root)}``: a breadth-first pass down
        from the roots, in the order they were found."""
        down = {}
        for child, parents in self.up.items():
            for parent in parents:
                down.setdefault(parent, []).append(child)
        nearest = {}
        layer = []
        for root in self.roots:
            nearest[root] = (root, None)
            layer.append(root)
        while layer:
            following = []
            for parent in layer:
                for child in down.get(parent, ()):
                    if child not in nearest and child not in self.roots:
                        nearest[child] = (nearest[parent][0], parent)
                        following.append(child)
            layer = following
        return nearest

    # -- naming

    def _group(self, result, picked, nearest, exhausted):
        groups = {}
        for obj in picked:
            key = id(obj)
            if key in nearest:
                chain = [key]
                while nearest[chain[-1]][1] is not None:
                    chain.append(nearest[chain[-1]][1])
                chain.reverse()  # root first
                path = self._describe(chain)
            elif exhausted:
                path = self._unreachable(key)
            else:
                result.limited = True
                path = Path(NOT_FOUND, "", "", objects.type_name(type(obj)), "", "")
            group_key = (path.kind, path.root, path.holder, path.holder_type)
            group = groups.get(group_key)
            if group is None:
                group = groups[group_key] = path
            group.sampled += 1
        result.paths = sorted(
            groups.values(), key=lambda path: (-path.sampled, path.kind, path.holder, path.root)
        )

    def _unreachable(self, key):
        """What refers to an object no root reaches: a cycle of its own, or C code."""
        seen = {key}
        order = [key]  # breadth first from the sample: the same order on every run
        layer = [key]
        while layer:
            following = []
            for node in layer:
                for parent in self.up.get(node, ()):
                    if parent not in seen:
                        seen.add(parent)
                        order.append(parent)
                        following.append(parent)
            layer = following
        counts = {}
        for node in order:
            name = objects.type_name(type(self.nodes[node]))
            counts[name] = counts.get(name, 0) + 1
        path = Path(UNREACHABLE, "", "", objects.type_name(type(self.nodes[key])), "", "")
        path.cycle = counts if len(seen) > 1 else {}
        # Where the objects that refer to the sample were allocated: the line that made the
        # cycle's members (a changed one is named as the culprit), each line and type once.
        for node in order[1:]:
            where = _innermost(self.nodes[node])
            step = (objects.type_name(type(self.nodes[node])), where)
            if where is not None and step not in path.via:
                path.via.append(step)
                if len(path.via) >= MAX_CYCLE_SITES:
                    break
        return path

    def _describe(self, chain, storage=False):
        """The Path of a chain of object ids, root first, the sample last (``storage``: a
        container whose item storage is the site's, which holds it itself)."""
        nodes = [self.nodes[key] for key in chain]
        kind, root_name = self.roots[chain[0]]
        root = nodes[0]
        text = ""
        holder = root_name
        holder_type = objects.type_name(type(nodes[1] if len(nodes) > 1 else root))
        name = ""
        # Labels of each step; `named` steps (attributes, globals) move the holder.
        index = 1
        if kind in (MODULE_GLOBAL, BENCHMARK_GLOBAL) and isinstance(root, dict) and len(nodes) > 1:
            name = _key_of(root, nodes[1]) or "?"
            holder = name if kind == BENCHMARK_GLOBAL else "%s.%s" % (root_name, name)
            root_name = holder
            text = holder
            index = 2
        elif kind == MODULE_GLOBAL and len(nodes) > 1:  # a module object
            namespace = getattr(root, "__dict__", None)
            if len(nodes) > 2 and nodes[1] is namespace:
                name = _key_of(namespace, nodes[2]) or "?"
                index = 3
            else:
                index = 2
                name = "?"
            holder = root_name = text = "%s.%s" % (root_name, name)
        elif kind == CLASS_ATTRIBUTE and len(nodes) > 2 and isinstance(nodes[1], dict):
            name = _key_of(nodes[1], nodes[2]) or "?"
            holder = root_name = text = "%s.%s" % (root_name, name)
            index = 3
        elif kind == FUNCTION_ATTRIBUTE and len(nodes) > 1:
            kind, name, index = _function_step(root, nodes)
            if kind == DEFAULT_ARGUMENT:
                holder = root_name = "%s(%s=…)" % (root_name, name)
            elif kind == CLOSURE:
                holder = root_name = "%s.<closure>.%s" % (root_name, name)
            else:
                holder = root_name = "%s.%s" % (root_name, name)
            text = holder
        elif kind == RETURN_VALUE:
            holder = root_name = text = "the return value"
            index = 1
        else:
            text = root_name
        if index <= len(nodes):
            holder_type = objects.type_name(type(nodes[index - 1]))
        if (not storage and index == len(nodes) and kind in (MODULE_GLOBAL, CLASS_ATTRIBUTE)
                and len(nodes) > 1):
            # The sample is the global (the attribute) itself: what keeps it alive is its
            # module (its class), not the object found.
            holder = root_name.rpartition(".")[0] or root_name
            holder_type = "module" if kind == MODULE_GLOBAL else objects.type_name(type(root))
        # Further steps: attributes move the holder, up to the object that holds the sample
        # (an attribute naming the sample names no holder); items of containers do not, and
        # past one, the container is the holder (``_results[…].spans``: each item's own
        # attributes hold its own parts, what grows is ``_results``).
        sample_at = len(nodes) if storage else len(nodes) - 1
        itemized = False
        dict_owner = None  # the instance whose __dict__ the last step reached
        position = index - 1
        while position + 1 < len(nodes):
            position += 1
            parent = nodes[position - 1]
            child = nodes[position]
            if isinstance(parent, _FUNCTION):
                # A closure or default argument met on the way: it names the holder.
                step_kind, attribute, following = _function_step(parent, nodes[position - 1:])
                function = _function_name(parent)
                if step_kind == DEFAULT_ARGUMENT:
                    holder = "%s(%s=…)" % (function, attribute)
                    text += "(%s=…)" % attribute
                elif step_kind == CLOSURE:
                    holder = "%s.<closure>.%s" % (function, attribute)
                    text += ".<closure>.%s" % attribute
                else:
                    holder = "%s.%s" % (function, attribute)
                    text += "." + attribute
                if kind not in (DEFAULT_ARGUMENT, CLOSURE):
                    kind = step_kind if step_kind != FUNCTION_ATTRIBUTE else kind
                name = attribute
                last = min(position - 2 + following, len(nodes) - 1)
                holder_type = objects.type_name(type(nodes[last]))
                position = last
                continue
            if _is_functools(parent, "_lru_cache_wrapper"):
                # The function's cache (its dict or its links): the holder, under no name.
                holder = _function_name(parent)
                name = getattr(parent, "__name__", None) or name
                holder_type = LRU_CACHE
                text += ".<cache>"
                continue
            if dict_owner is not None and isinstance(parent, dict):
                attribute = _key_of(parent, child)
                # No attribute has it as its value: it is the name of one (a key).
                label = "." + attribute if attribute else ".__dict__[key]"
                owner = objects.type_name(type(dict_owner))
                dict_owner = None
            else:
                label, attribute = _step(parent, child, self.names_of)
                owner = objects.type_name(type(parent))
                if label is _OWN_DICT:
                    dict_owner = parent
                    continue
            if label is None:
                continue
            text += label
            if attribute is None and label.startswith("["):
                itemized = True
            if (isinstance(parent, _TRACEBACK) or label is _TRACEBACK_STEP
                    or (isinstance(parent, _FRAME) and position > 1)):
                # A stored exception's traceback and its frames: what holds the exception
                # holds them all (its frames' locals are no container of their own).
                itemized = True
            if attribute is not None and position < sample_at and not itemized:
                holder = "%s.%s" % (owner, attribute)
                name = attribute
                holder_type = objects.type_name(type(child))
        if dict_owner is not None and len(nodes) > 1 and isinstance(nodes[-1], dict):
            # The sample is an instance's own __dict__ (the item storage of its attributes).
            text += ".__dict__"
            holder += ".__dict__"
            holder_type = objects.type_name(type(nodes[-1]))
        path = Path(kind, root_name, holder, holder_type, name, text)
        if isinstance(root, _FRAME):
            path.frame = (root.f_code.co_name, root.f_code.co_filename, root.f_lineno)
        for node in nodes[1:-1]:
            if _is_functools(node, "_lru_cache_wrapper"):
                # The cache of an lru_cache function: where it was made, its decorator, which
                # the function's import most often ran before any scenario was traced.
                where = _cache_made_at(node)
                if where is not None:
                    path.via.append((LRU_CACHE, where))
                continue
            where = _innermost(node)
            if where is not None:
                path.via.append((objects.type_name(type(node)), where))
        return path


def _at_wanted_sites(objs, wanted, verdicts):
    """``[(obj, frame)]`` for the objects of ``objs`` allocated at a site ``wanted`` wants,
    in their order. Sifted by C loops where this CPython has the raw traceback: only each
    distinct frame is asked of ``wanted`` (``verdicts`` remembers the answers)."""
    if _raw_traceback is None:
        return [
            (obj, frame) for obj, frame in zip(objs, map(_innermost, objs))
            if frame is not None and wanted.wants(*frame)
        ]
    tracebacks = list(map(_raw_traceback, objs))
    traced = list(compress(objs, tracebacks))
    frames = list(map(_FIRST, filter(None, tracebacks)))
    del tracebacks
    for frame in set(frames).difference(verdicts):
        verdicts[frame] = bool(wanted.wants(*frame))
    if not any(map(verdicts.__getitem__, set(frames))):
        return []
    hits = list(map(verdicts.__getitem__, frames))
    return list(zip(compress(traced, hits), compress(frames, hits)))


class _StorageSizer:
    """The size of an object's item storage (as ``_storage_candidates`` measures it), or None
    for an object that keeps none apart from itself."""

    def __init__(self):
        collections = sys.modules.get("collections")
        self.deque = getattr(collections, "deque", None)
        self.block = _deque_block(self.deque) if self.deque is not None else None
        self.empty = _empty_sizes()
        self.kinds = {}

    def size(self, obj):
        cls = type(obj)
        empty = self.empty.get(cls)
        if empty is not None:
            return sys.getsizeof(obj) - empty
        kind = self.kinds.get(cls, 0)
        if kind == 0:
            kind = self.kinds[cls] = _storage_kind(cls, self.deque)
        if kind is None:
            return None
        try:
            size = kind.__sizeof__(obj) - cls.__basicsize__
        except Exception:  # noqa: BLE001 - a container torn down by a thread
            return None
        return self.block if kind is self.deque and size > 0 else size


def _storage_kind(cls, deque):
    """The container type whose item storage an instance of ``cls`` keeps apart from itself
    (list, dict, set, deque, or a subclass's base), or None."""
    for kind in (list, dict, set, deque):
        if kind is not None and issubclass(cls, kind):
            return kind
    return None


def _empty_sizes():
    """``{type: sys.getsizeof of an empty one}`` for the built-in lists, dicts and sets: what
    ``sys.getsizeof`` gives of one beside the size of its item storage."""
    return {list: sys.getsizeof([]), dict: sys.getsizeof({}), set: sys.getsizeof(set())}


def _deque_block(deque):
    """The size of one block of a deque's items: what each growth of a deque allocates."""
    try:
        return deque.__sizeof__(deque()) - deque.__basicsize__
    except Exception:  # noqa: BLE001 - a deque type of another shape
        return None


def _line_names(filename, lineno):
    """The identifiers line ``lineno`` of ``filename`` spells (``self._USAGE.append(x)``:
    ``self``, ``_USAGE``, ``append``, ``x``); empty when the file cannot be read."""
    text = _source_line(filename, lineno)
    names = set()
    word = []
    for char in text + " ":
        if char == "_" or char.isalnum():
            word.append(char)
            continue
        if word and not word[0].isdigit():
            names.add("".join(word))
        word = []
    return names


def _source_line(filename, lineno):
    """Line ``lineno`` of the file ``filename`` (its first ``MAX_SOURCE_BYTES``), or ""."""
    if not isinstance(filename, str) or filename.startswith("<") or lineno < 1:
        return ""
    try:
        with open(filename, "rb") as file:
            data = file.read(MAX_SOURCE_BYTES)
    except (OSError, ValueError):
        return ""
    lines = data.split(b"\n")
    if lineno > len(lines):
        return ""
    line = lines[lineno - 1].decode("utf-8", "replace")
    hash_at = line.find("#")
    return line if hash_at < 0 else line[:hash_at]


def _main_thread_id():
    threading = sys.modules.get("threading")
    main = getattr(threading, "main_thread", None) if threading else None
    try:
        return main().ident if main else None
    except Exception:  # noqa: BLE001 - a half-torn-down threading module
        return None


def _spread(items, most):
    """At most ``most`` of ``items``, spread evenly over the list (first and last kept)."""
    if len(items) <= most:
        return list(items)
    return [items[(index * (len(items) - 1)) // (most - 1)] for index in range(most)]


def _function_name(function):
    module = getattr(function, "__module__", None)
    qualname = getattr(function, "__qualname__", None) or getattr(function, "__name__", "?")
    if isinstance(module, str) and module != "builtins":
        return "%s.%s" % (module, qualname)
    return str(qualname)


def _function_step(function, nodes):
    """``(kind, name, index of the next step)`` for a chain that starts at a function."""
    first = nodes[1]
    code = getattr(function, "__code__", None)
    defaults = getattr(function, "__defaults__", None)
    if first is defaults and len(nodes) > 2 and code is not None:
        position = _index_of(defaults, nodes[2])
        names = code.co_varnames[: code.co_argcount]
        offset = len(names) - len(defaults)
        if position is not None and 0 <= offset + position < len(names):
            return DEFAULT_ARGUMENT, names[offset + position], 3
        return DEFAULT_ARGUMENT, "?", 3
    if first is getattr(function, "__kwdefaults__", None) and len(nodes) > 2:
        return DEFAULT_ARGUMENT, _key_of(first, nodes[2]) or "?", 3
    closure = getattr(function, "__closure__", None)
    if first is closure and len(nodes) > 2 and code is not None:
        position = _index_of(closure, nodes[2])
        names = code.co_freevars
        name = names[position] if position is not None and position < len(names) else "?"
        # function -> closure tuple -> cell -> contents
        return CLOSURE, name, 4 if len(nodes) > 3 and isinstance(nodes[2], _CELL) else 3
    namespace = getattr(function, "__dict__", None)
    if first is namespace and len(nodes) > 2:
        return FUNCTION_ATTRIBUTE, _key_of(first, nodes[2]) or "?", 3
    return FUNCTION_ATTRIBUTE, "?", 2


def _index_of(sequence, item):
    for index, value in enumerate(sequence):
        if value is item:
            return index
    return None


def _key_of(mapping, value):
    """The first key of ``mapping`` (a dict) whose value is ``value``, as text."""
    try:
        for key, item in mapping.items():
            if item is value:
                return key if isinstance(key, str) else _short(key)
    except Exception:  # noqa: BLE001 - a dict changed by a thread while read
        return None
    return None


def _short(value):
    if isinstance(value, _ATOMS):
        text = repr(value)
        if len(text) <= 40 or _is_file_path(value):
            return text
        return text[:37] + "..."
    return "…"


def _is_file_path(value):
    """Whether ``value`` is a file's absolute path (a cache keyed by file name): kept whole in
    a path, where the snapshot names it as its sites name files, then shortens it."""
    return (isinstance(value, str) and len(value) <= MAX_PATH_KEY and value.startswith("/")
            and not any(map(value.__contains__, ("'", '"', "\\", "\n"))))


def _step(parent, child, names_of):
    """``(label, attribute name or None)`` of the reference from ``parent`` to ``child``;
    label None for a step that adds nothing to the text (an object to its own __dict__)."""
    if isinstance(parent, dict):
        # The key of the value that is ``child``, by C loops (a dict of many keys is read once
        # for each sample); none found: ``child`` is a key itself.
        try:
            for key in compress(dict.keys(parent), map(is_, dict.values(parent),
                                                        repeat(child))):
                return "[%s]" % _short(key), None
        except Exception:  # noqa: BLE001 - a dict changed by a thread while read
            pass
        return "[key]", None
    if isinstance(parent, tuple):
        position = _index_of(parent, child)
        return ("[%d]" % position if position is not None else "[…]"), None
    if isinstance(parent, _SEQUENCES) or _is_collection(parent):
        return "[…]", None
    if isinstance(parent, _CELL) or _is_functools(parent, "_lru_list_elem"):
        # A closure's cell, a link of an lru_cache: nothing of their own to name.
        return None, None
    if isinstance(parent, _FRAME):
        if child is parent.f_back:
            return ".f_back", None
        if child is parent.f_trace:
            return ".f_trace", None
        try:
            local = _key_of(parent.f_locals, child)
        except Exception:  # noqa: BLE001 - a frame being torn down
            local = None
        # A local names no holder: the frame's code is no container a reader keeps things in.
        return ("." + local if local else ".?"), None
    if isinstance(parent, _TRACEBACK):
        if child is parent.tb_frame:
            return ".tb_frame", None
        if child is parent.tb_next:
            return ".tb_next", None
        return ".?", None
    if isinstance(parent, BaseException):
        if child is parent.__traceback__:
            return _TRACEBACK_STEP, None
        if child is parent.__context__:
            return ".__context__", None
        if child is parent.__cause__:
            return ".__cause__", None
        if child is parent.args:
            return ".args", None
    if isinstance(parent, _METHOD):
        return (".__self__" if child is parent.__self__ else ".__func__"), None
    if child is type(parent):
        return ".__class__", None
    name = _attribute_of(parent, child, names_of)
    if name is not None:
        return "." + name, name
    if isinstance(child, dict) and _is_own_dict(parent, child):
        return _OWN_DICT, None
    return ".?", None


def _cache_made_at(wrapper):
    """``(filename, lineno)`` of the line that made an lru_cache ``wrapper``: the decorator of
    the function it caches that names a cache (``@lru_cache(maxsize=None)``, ``@cache``), the
    first of its decorators when none does; else the line outside functools that called
    ``lru_cache`` (``escape = lru_cache()(_escape)``), when it was traced; else None."""
    code = getattr(getattr(wrapper, "__wrapped__", None), "__code__", None)
    if code is not None:
        import linecache  # already loaded by tracemalloc

        first = code.co_firstlineno
        line = first
        while True:
            text = linecache.getline(code.co_filename, line).strip()
            if not text.startswith("@"):
                break
            if "cache" in text:
                return (code.co_filename, line)
            line += 1
        if line > first:  # decorated: the first decorator
            return (code.co_filename, first)
    traceback = tracemalloc.get_object_traceback(wrapper)
    functools_file = getattr(sys.modules.get("functools"), "__file__", None)
    for frame in reversed(traceback or ()):
        if frame.filename != functools_file:
            return (frame.filename, frame.lineno)
    return None


def _is_functools(obj, name):
    """Whether ``obj`` is an instance of functools' C type ``name``."""
    cls = type(obj)
    return cls.__name__ == name and cls.__module__ == "functools"


def _is_collection(obj):
    return isinstance(obj, (set, frozenset)) or type(obj).__name__ in ("deque", "OrderedDict")


def _attribute_of(obj, value, names_of):
    """The name of ``obj``'s attribute that is ``value``, found without making the
    instance's ``__dict__``: slots, then the names its class's code uses as attributes.
    ``names_of``: a cache ``{type: names}`` for the walk."""
    cls = type(obj)
    names = names_of.get(cls)
    if names is None:
        names = names_of[cls] = _attribute_names(cls)
    for attribute in names:
        try:
            if object.__getattribute__(obj, attribute) is value:
                return attribute
        except Exception:  # noqa: BLE001 - no such attribute on this instance
            continue
    return None


def _attribute_names(cls):
    """Names an instance of ``cls`` may keep a value under: its slots, and the names its
    class's code reads or sets as attributes, less methods and properties."""
    names = []
    seen = set()
    for klass in getattr(cls, "__mro__", ()):
        namespace = getattr(klass, "__dict__", {})
        for attribute, member in list(namespace.items()):
            if type(member).__name__ == "member_descriptor" and attribute not in seen:
                seen.add(attribute)
                names.append(attribute)
        for member in list(namespace.values()):
            for code in _codes_of(member):
                for attribute in code.co_names:
                    if attribute not in seen:
                        seen.add(attribute)
                        names.append(attribute)
    kept = []
    for attribute in names:
        described = None
        for klass in getattr(cls, "__mro__", ()):
            if attribute in getattr(klass, "__dict__", {}):
                described = klass.__dict__[attribute]
                break
        if described is not None and type(described).__name__ != "member_descriptor" and (
            hasattr(type(described), "__get__")
        ):
            continue  # a method or property: not where an instance keeps a value
        kept.append(attribute)
    return kept


def _is_own_dict(obj, value):
    """Whether ``value`` (a dict ``obj`` refers to) is ``obj``'s ``__dict__``: asked only
    once no attribute holds it, so an instance that keeps its attributes inline (and so has
    no ``__dict__`` yet) is never given one."""
    try:
        return object.__getattribute__(obj, "__dict__") is value
    except Exception:  # noqa: BLE001 - no __dict__
        return False


def _codes_of(member):
    """Code objects of a class member (function, property, classmethod), nested ones too."""
    functions = []
    for candidate in (member, getattr(member, "__func__", None), getattr(member, "fget", None),
                      getattr(member, "fset", None)):
        if isinstance(candidate, _FUNCTION):
            functions.append(candidate.__code__)
    codes = []
    while functions:
        code = functions.pop()
        codes.append(code)
        for constant in code.co_consts:
            if type(constant) is type(code):
                functions.append(constant)
    return codes


def _storage_paths(result, containers):
    """``result``'s paths from ``containers`` (``(container, path)`` pairs), one per holder:
    how many containers each holds (``sampled``) and their items, the most containers first."""
    result.sampled = len(containers)
    groups = {}
    for obj, path in containers:
        group_key = (path.kind, path.root, path.holder, path.holder_type)
        group = groups.get(group_key)
        if group is None:
            group = groups[group_key] = path
            group.items = 0
        group.sampled += 1
        group.items += len(obj)
    result.paths = sorted(
        groups.values(), key=lambda path: (-path.sampled, path.kind, path.holder, path.root)
    )
