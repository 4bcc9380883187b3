"""Run a script as ``__main__`` under tracemalloc, and measure one action between two snapshots.

Only modules the measurement needs are imported here (and no ``__future__``): anything loaded
before the run is free for the script to import, which would hide that import's cost.

Tracing is on only while something is measured (see ``measure``). Everything here returns
raw data: file names as tracemalloc reports them, grouped by ``(filename, lineno)``. Normalising names and reading source happen in ``snapshot.py``,
after the benchmark has finished.
"""

import gc
import io
import linecache  # already loaded by tracemalloc
import os
import pkgutil
import runpy
import sys
import time
import tracemalloc
import zipimport  # part of the import system, always loaded

from . import collection, objects, peak, retention

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))
# The folder that holds the allocdiff_harness package (what PYTHONPATH names).
HARNESS_PARENT = os.path.dirname(HARNESS_DIR)

# Frames that belong to the measuring machinery, not to the measured program. Taken from the
# code objects, so they match what tracemalloc reports (e.g. "<frozen runpy>" since 3.11).
MACHINERY_FILES = frozenset(
    {
        tracemalloc.take_snapshot.__code__.co_filename,
        runpy.run_path.__code__.co_filename,
        linecache.getline.__code__.co_filename,
        "<frozen importlib._bootstrap>",
        "<frozen importlib._bootstrap_external>",
        # Import machinery as well (zip archives on sys.path).
        zipimport.zipimporter.__init__.__code__.co_filename,
        "<unknown>",  # memory allocated with no Python frame on the stack
    }
)
# What tracemalloc reports for the harness's own frames (normally the same as HARNESS_DIR).
_HARNESS_CODE_DIR = os.path.dirname(sys._getframe().f_code.co_filename)


def is_machinery(filename):
    """True for files of the harness, tracemalloc, runpy, linecache and import machinery."""
    if filename in MACHINERY_FILES:
        return True
    directory = os.path.dirname(filename)
    return directory in (HARNESS_DIR, _HARNESS_CODE_DIR)


class Measurement:
    """One action (a script's top level, or one call of a function) between two snapshots."""

    def __init__(self):
        self.peak_bytes = 0
        self.duration_seconds = 0.0
        # {(filename, lineno): (size, count)}: after - before, machinery dropped, no zeros.
        self.sites = {}
        # The exception that ended the action, if it failed (SystemExit(0) is success).
        self.error = None
        # False when the action stopped tracemalloc or cleared its traces: nothing above is
        # meaningful then; ``lost_tracing`` says which (STOPPED or CLEARED).
        self.traced = True
        self.lost_tracing = None
        # {type name: count} of live objects before and after, when counted.
        self.types_before = None
        self.types_after = None
        # [(frames, size, count, truncated)] for the sites asked for (see TracebackFilter);
        # frames are (filename, lineno) pairs, oldest first, machinery frames still in.
        self.tracebacks = None
        # With a peak watch: the sites ({key: (size, count)} like `sites`) at the level it
        # caught, that level, the highest level any hook event saw, and their tracebacks.
        self.peak_sites = None
        self.peak_level = 0
        self.peak_seen = 0
        self.peak_tracebacks = None
        # Whether the peak passed while the watch's hooks were off (see peak.py): a run with
        # them on throughout may come nearer it.
        self.peak_hooks_missed = False
        # The level at which the watch stopped, past OVERSHOOT_SHARE of its reference (see
        # peak.py): no sites then; 0 otherwise.
        self.peak_overshot = 0
        self.peak_reference = 0
        self.peak_limit = 0
        # With a peak watch whose snapshot stands for a peak no event saw (inside one C call):
        # (filename, line, C function or None, bytes above the snapshot's level), counted in
        # ``peak_sites`` at that line; None otherwise (see peak.py).
        self.peak_unseen = None
        # tracemalloc's frame limit at the end (the action may have restarted it).
        self.frames_used = None
        # With a retention filter: what retention.find gave (bytes) for its sites.
        self.retention = None
        # Further totals of the action, under their snapshot keys (``rssBytes``): the snapshot
        # writes each one into the action's repeat as it is. A total that could not be taken
        # is left out (absent means not measured, never 0).
        self.totals = {}


def prepare_interpreter(script_arg, script_path):
    """Make ``sys.argv`` and ``sys.path`` look like ``python3 <script>`` would.

    Returns the ``sys.path`` the harness should import from once the script has run: its own,
    without the working directory that ``-m`` put first, so a project file named like a
    standard module (``platform.py``) cannot stand in for it.
    """
    # -P / PYTHONSAFEPATH (3.11+): python adds neither the cwd for -m nor a script directory.
    safe_path = getattr(sys.flags, "safe_path", False)
    harness_path = list(sys.path) if safe_path else sys.path[1:]

    sys.argv = [script_arg]
    harness_parent = _real(HARNESS_PARENT)
    # The benchmark must not import from the harness's PYTHONPATH entry by accident
    # (the variable itself is left alone, so child processes still see it).
    kept = [entry for entry in harness_path if _real(entry) != harness_parent]
    if safe_path:
        sys.path[:] = kept
    else:
        # Like the interpreter: the script's directory, symlinks resolved.
        sys.path[:] = [os.path.dirname(os.path.realpath(script_path))] + kept
    return harness_path


def check_tracing(frames, unmeasured):
    """Note (and stop) tracing that the environment turned on; measure() starts its own."""
    if tracemalloc.is_tracing():
        # start() would silently keep the old frame limit; restart so --frames holds.
        tracemalloc.stop()
        unmeasured.append(
            {
                "what": "tracemalloc as configured by the environment",
                "why": "tracemalloc was already tracing (PYTHONTRACEMALLOC or -X tracemalloc);"
                " the harness restarted it with frames=%d" % frames,
            }
        )


class MainModule:
    """The script's ``__main__`` module: run once, then kept installed for its functions.

    A plain source file is executed in a module of our own (not ``runpy.run_path``), so that
    module stays ``sys.modules["__main__"]`` while ``bench_*`` functions run (pickle finds
    their classes) and its globals survive a failing top level. Zip archives and compiled
    files go through runpy, which knows how to run them.
    """

    def __init__(self, script_path):
        self.script_path = script_path
        self.globals = None
        self._module = None
        self._saved_main = None

    def run(self):
        """Run the top level; raises what the script raises."""
        # run_path and the import system cache an importer for the script's path on first
        # use; done here, before tracing starts, by the caller (see prepare_run).
        if pkgutil.get_importer(self.script_path) is not None or self.script_path.endswith(
            (".pyc", ".pyo")
        ):
            self.globals = runpy.run_path(self.script_path, run_name="__main__")
            return self.globals
        module = type(sys)("__main__")
        namespace = module.__dict__
        # What runpy.run_path gives a script, so behaviour does not change with the runner.
        namespace.update(
            __file__=self.script_path, __cached__=None, __loader__=None, __package__=""
        )
        self.globals = namespace
        self._module = module
        self._saved_main = sys.modules.get("__main__")
        sys.modules["__main__"] = module
        saved_argv0 = sys.argv[0] if sys.argv else None
        if sys.argv:
            sys.argv[0] = self.script_path
        try:
            with io.open_code(self.script_path) as file:
                source = file.read()
            code = compile(source, self.script_path, "exec", dont_inherit=True)
            exec(code, namespace)
        finally:
            if sys.argv and saved_argv0 is not None:
                sys.argv[0] = saved_argv0
        return namespace

    def restore(self):
        """Put the harness's own ``__main__`` back (done once all scenarios ran)."""
        if self._module is not None:
            sys.modules["__main__"] = self._saved_main
            self._module = None


def prepare_run(script_path):
    # run_path imports pkgutil and caches an importer for the script's path on first use;
    # done here, untraced, so the harness leaves no sites of its own in pkgutil.py.
    pkgutil.get_importer(script_path)


def bench_functions(namespace):
    """``[(name, function)]`` of the script's own top-level ``bench_*`` functions, in order."""
    if not namespace:
        return []
    found = []
    function_type = type(prepare_run)
    for name, value in list(namespace.items()):
        if (
            name.startswith("bench_")
            and isinstance(value, function_type)
            and getattr(value, "__module__", None) == "__main__"
        ):
            found.append((name, value))
    return found


# The attribute of a stand-in for an exception raised in a copy of the process (scenarios.py):
# its traceback as Python wrote it there.
COPIED_TRACEBACK = "allocdiff_traceback"


# ``measure``'s count_types: live objects counted before the call only.
BEFORE_ONLY = "before"


# What a measured action did to tracing, when it made its measurement meaningless.
STOPPED = "stopped tracemalloc"
CLEARED = "cleared tracemalloc's traces (clear_traces(), or stop() then start())"


def tracing_lost(marker):
    """None while tracing holds ``marker``'s trace (an object allocated once tracing
    started); else what the code that ran since did: STOPPED or CLEARED."""
    if not tracemalloc.is_tracing():
        return STOPPED
    if tracemalloc.get_object_traceback(marker) is None:
        return CLEARED
    return None


def measure(
    action, frames, *, count_types=False, traceback_filter=None, ignore=(), watch_peak=False,
    peak_reference=None, peak_everywhere=False, retention_filter=None
):
    """Run ``action()`` between a before and an after snapshot; what it returns is held
    (and so counted as retained) until the after snapshot and the object count.

    Tracing starts (with ``frames``) just before the call and stops after the after
    snapshot: what the call allocated and still holds is what the snapshots show, and the
    harness's own bookkeeping (diffs, object counts) runs untraced, so at full speed and
    without the snapshots having to carry everything the setup made.

    ``count_types``: count live objects by type before the call and after it (True), or
    before it only (BEFORE_ONLY: the call then starts exactly as a counted one does).
    ``traceback_filter``: also group the difference by traceback for the sites it wants.
    ``ignore``: harness containers alive across the call, left out of the object count.
    ``watch_peak``: run the action under a PeakWatch (see peak.py) aiming at
    ``peak_reference`` bytes, and record the sites at the level it caught; its hooks are on
    only near that level unless ``peak_everywhere``.
    ``retention_filter``: right after the after snapshot, while the traces are still there,
    find what keeps the objects of the sites it wants alive (see retention.py).
    """
    if tracemalloc.is_tracing():
        tracemalloc.stop()
    result = Measurement()
    watch = peak.PeakWatch(peak_reference, peak_everywhere) if watch_peak else None
    # The harness's own containers, alive across the call (and changed by it).
    own = (ignore, result, watch)
    if count_types:
        result.types_before = objects.count_types(own)
    rss_start = resident_status()
    # A full collection also empties CPython's free lists, which the count (and the reading
    # above) just filled: the call then allocates what it would have without them, and
    # measures the same.
    collection.before_call()
    tracemalloc.start(frames)
    # Traced from here on: its trace is gone if the action clears the traces or restarts
    # tracing, which would leave the after snapshot (and peak) without what came before.
    marker = object()
    before = tracemalloc.take_snapshot()
    # The before snapshot (and the marker) are part of the start level, not of the peak.
    tracemalloc.reset_peak()
    start_level = tracemalloc.get_traced_memory()[0]

    held = None
    raised = None
    started = time.perf_counter()
    if watch is not None:
        watch.install(start_level)
    try:
        held = action()
    except BaseException as exc:  # noqa: B902 - KeyboardInterrupt and SystemExit included
        # Its traceback holds the action's frames and so its locals: keep them alive too.
        raised = exc
    finally:
        if watch is not None:
            watch.uninstall()
    result.duration_seconds = time.perf_counter() - started
    if raised is not None and not is_clean_exit(raised):
        result.error = raised

    result.lost_tracing = tracing_lost(marker)
    if result.lost_tracing is not None:
        result.traced = False
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        return result
    peak_snapshot = None
    if watch is None:
        result.peak_bytes = max(0, tracemalloc.get_traced_memory()[1] - start_level)
    else:
        # The watch's own snapshots made peaks of their own; it knows the true one.
        result.peak_bytes = watch.peak_bytes
        result.peak_seen = watch.seen_level
        result.peak_level = watch.snapshot_level
        result.peak_hooks_missed = watch.hooks_missed
        result.peak_overshot = watch.overshot
        result.peak_reference = watch.reference
        result.peak_limit = watch.limit
        result.peak_unseen = watch.unseen
        peak_snapshot, watch.snapshot = watch.snapshot, None
    # Before the after snapshot, whose copy of every trace would count as the action's.
    rss_bytes = resident_rise(rss_start)
    del rss_start

    clear_type_cache()
    # A benchmark that leaves the collector disabled (gc.disable()) keeps its unreachable
    # reference cycles, as the program would: they are not collected here, so they count as
    # retained, and the retention walk names them as such.
    collecting = gc.isenabled()
    if collecting:
        gc.collect()
        # The snapshots hold a tuple per live block (hundreds of thousands), each tracked by
        # the collector and none of them garbage: automatic collections while they are alive
        # would examine them all (and, as they pile up, the whole heap) for nothing. Off until
        # they are dropped; what is measured was taken before, so it is the same.
        gc.disable()
    # The copy that counts objects after the call beside the walk (see _fork_count): its pid in
    # this process, 0 in the copy itself, None when this process counts them. Plain numbers,
    # which no object count sees.
    counter = counted = None
    try:
        try:
            after = tracemalloc.take_snapshot()
            result.frames_used = tracemalloc.get_traceback_limit()
            # A site list file may still be coming (written once a run beside this one has been
            # compared): the diffs are worked out while it comes, before the walk. They allocate
            # little (a dict per site), traced or not, and the figures were taken above.
            early = isinstance(retention_filter, SiteListFile)
            if early:
                _diffs(result, after, before, peak_snapshot, traceback_filter)
                if count_types is True and retention_filter.coming():
                    counter, counted = _fork_count()
            # A SiteListFile is read only now (and may want nothing); a TracebackFilter is there.
            # The copy that counts walks nothing: from here on it does what this process would do
            # after the walk, up to the count.
            if counter != 0 and retention_filter is not None and getattr(
                retention_filter, "active", _always
            )():
                # Right after the after snapshot, while the objects' traces are there: tracing then
                # stops before the diffs and the count, which run at full speed. The walk leaves
                # nothing behind but its result (ignored by the count, as ``result`` is).
                main = sys.modules.get("__main__")
                result.retention = retention.find(
                    retention_filter,
                    held=(held, raised),
                    main_globals=getattr(main, "__dict__", None),
                    is_machinery=is_machinery,
                    snapshot=after,
                )
                del main
            if retention_filter is not None:
                retention_filter.forget()
            tracemalloc.stop()

            if not early:
                _diffs(result, after, before, peak_snapshot, traceback_filter)
            del after, before, peak_snapshot
        finally:
            if collecting:
                gc.enable()
        if counter:
            result.types_after = _counted_apart(counter, counted, result.duration_seconds)
        if count_types is True and result.types_after is None:
            if collecting:
                gc.collect()  # untracks the harness's fresh tuples of numbers and names
            # result's contents (sites, the first count) are not followed: it is ignored.
            result.types_after = objects.count_types(own, held=[held, raised], collect=collecting)
            if counter == 0:
                _send_count(counted, result.types_after)  # never returns
    except BaseException:
        if counter == 0:
            os._exit(1)  # the copy never goes back to the caller
        if counter:
            os.close(counted)
            _end_copy(counter)
        raise
    del held, raised  # alive until here on purpose
    if rss_bytes is not None:
        # Only now: a number in the totals before the count would be counted as the action's.
        result.totals["rssBytes"] = rss_bytes
    return result


def _diffs(result, after, before, peak_snapshot, traceback_filter):
    """``result``'s sites (and tracebacks, and sites at the peak) from its snapshots."""
    result.sites = line_diff(after, before)
    if traceback_filter is not None:
        result.tracebacks = traceback_diff(after, before, traceback_filter)
    if peak_snapshot is not None:
        result.peak_sites = line_diff(peak_snapshot, before)
        if result.peak_unseen is not None:
            # What the peak held above the snapshot's level, allocated at that line.
            filename, lineno, _, size = result.peak_unseen
            if not is_machinery(filename):
                held, count = result.peak_sites.get((filename, lineno), (0, 0))
                result.peak_sites[(filename, lineno)] = (held + size, count)
        if traceback_filter is not None:
            result.peak_tracebacks = traceback_diff(peak_snapshot, before, traceback_filter)


# A copy that counts objects may take this many seconds, plus this many times the call's, before
# the process counts them itself.
COUNT_COPY_SECONDS = 60
COUNT_COPY_SLOWDOWN = 20


def _fork_count():
    """``(pid, fd)``: a copy of this process, forked now, that counts objects after the call
    while this process walks retention paths (the walk and the count each take a core). In the
    parent, the copy's pid and the pipe its counts come back through (``_counted_apart``); in
    the copy, 0 and the pipe's other end (``_send_count``). ``(None, None)`` where no copy can
    be made safely (no fork, or other threads: the copy could hang on a lock one of them holds).

    Forked once the figures are taken and the snapshots grouped, before the walk: the copy
    drops what the process would drop after the walk and counts from there, so it finds the
    objects the process would (the walk leaves nothing behind but its result, which the count
    ignores). Counts only: the copy writes no snapshot, and never goes back to the caller."""
    if not hasattr(os, "fork") or _thread_count() > 1 or not _room_for_copy():
        return None, None
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None, None
    if pid == 0:
        os.close(read)
        return 0, write
    os.close(write)
    return pid, read


def _send_count(fd, counts):
    """In the copy: ``counts`` written to ``fd``, then the end of the copy."""
    status = 1
    try:
        import marshal

        view = memoryview(marshal.dumps(counts))
        while view:
            view = view[os.write(fd, view):]
        status = 0
    finally:
        os._exit(status)


def _counted_apart(pid, fd, seconds):
    """The counts the copy ``pid`` made (read from ``fd``), or None when it ended without them
    or did not within COUNT_COPY_SECONDS + COUNT_COPY_SLOWDOWN x ``seconds`` (the call's): the
    process then counts them itself."""
    deadline = time.monotonic() + COUNT_COPY_SECONDS + COUNT_COPY_SLOWDOWN * seconds
    chunks = []
    done = False
    try:
        os.set_blocking(fd, False)
        while not done and time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                time.sleep(0.002)
                continue
            chunks.append(chunk)
            done = not chunk
    finally:
        os.close(fd)
        status = _end_copy(pid, kill=not done)
    if not done or status != 0:
        return None
    import marshal

    return marshal.loads(b"".join(chunks))


def _end_copy(pid, kill=True):
    """Ends the copy ``pid`` (killed first, unless ``kill`` is false) and returns its exit
    status; None when it was reaped elsewhere (the benchmark's own SIGCHLD handler)."""
    try:
        if kill:
            os.kill(pid, 9)  # SIGKILL
        return os.waitpid(pid, 0)[1]
    except OSError:
        return None


# Free memory a copy needs, in times this process's resident size: the count writes to every
# object, so at worst the copy ends up with a copy of each page it shares with the process.
COPY_ROOM = 2


def _room_for_copy():
    """Whether COPY_ROOM x this process's resident size is free: in the machine's memory
    (``MemAvailable``) and below the memory limit of its cgroup, if any. False where either
    cannot be read (the process then counts objects itself)."""
    try:
        sizes = _resident_sizes(_read_status())
        free = _memory_available()
    except (OSError, ValueError):
        return False
    if sizes is None or free is None:
        return False
    room = _cgroup_room()
    if room is not None:
        free = min(free, room)
    return free >= COPY_ROOM * sizes[0]


def _read_file(path):
    descriptor = os.open(path, os.O_RDONLY)
    try:
        return os.read(descriptor, 1 << 16)
    finally:
        os.close(descriptor)


def _memory_available():
    """``MemAvailable`` of ``/proc/meminfo`` in bytes, or None."""
    for line in _read_file("/proc/meminfo").split(b"\n"):
        name, _, value = line.partition(b":")
        if name == b"MemAvailable":
            number = value.split()
            return int(number[0]) * 1024 if number and number[0].isdigit() else None
    return None


def _cgroup_room():
    """Bytes left below this process's cgroup memory limit (v2 ``memory.max``, v1
    ``memory.limit_in_bytes``), or None: no limit, or none found."""
    try:
        groups = _read_file("/proc/self/cgroup").split(b"\n")
    except OSError:
        return None
    found = []
    for line in groups:
        controllers, _, path = line.partition(b":")[2].partition(b":")
        if not controllers and path:
            found.append(("/sys/fs/cgroup", os.fsdecode(path), "memory.max", "memory.current"))
        elif b"memory" in controllers.split(b","):
            found.append(("/sys/fs/cgroup/memory", os.fsdecode(path),
                          "memory.limit_in_bytes", "memory.usage_in_bytes"))
    for mount, path, limit_name, usage_name in found:
        # Inside a container the cgroup's own folder may be the mount itself.
        for folder in (mount + path.rstrip("/"), mount):
            try:
                limit = _read_file(os.path.join(folder, limit_name)).strip()
                usage = _read_file(os.path.join(folder, usage_name)).strip()
            except OSError:
                continue
            if not usage.isdigit():
                break
            if not limit.isdigit():
                return None  # "max": no limit
            return max(0, int(limit) - int(usage))
    return None


def _thread_count():
    """Threads of this process (``/proc``; else those the threading module knows)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        threading = sys.modules.get("threading")
        return threading.active_count() if threading is not None else 1


def count_objects(action, *, ignore=(), counting=True):
    """Run ``action()`` untraced, counting live objects by type before and after it (when
    ``counting``) as ``measure`` does: the same collections around the call and the counts,
    without tracemalloc. Its sizes, peak and sites are not measured (left empty): the counts
    of a run that measures nothing else, beside processes that measure the figures.
    """
    result = Measurement()
    own = (ignore, result)
    if counting:
        result.types_before = objects.count_types(own)
    collection.before_call()
    held = None
    raised = None
    started = time.perf_counter()
    try:
        held = action()
    except BaseException as exc:  # noqa: B902 - KeyboardInterrupt and SystemExit included
        raised = exc
    result.duration_seconds = time.perf_counter() - started
    if raised is not None and not is_clean_exit(raised):
        result.error = raised
    clear_type_cache()
    collecting = gc.isenabled()
    if counting:
        if collecting:
            gc.collect()
            gc.collect()
        result.types_after = objects.count_types(own, held=[held, raised], collect=collecting)
    del held, raised
    return result


def resident_status():
    """``/proc/self/status`` as it is now (bytes, parsed by ``resident_rise``), after resetting
    the process's resident high-water mark to its current size; None without ``/proc``.

    Peak RSS is the process's resident set size at its highest during an action, above its
    resident size when the action started: what tracemalloc does not see included (C
    extensions, ``mmap``). Linux keeps the high-water mark (``VmHWM``) beside the current size
    (``VmRSS``); writing 5 to ``/proc/self/clear_refs`` resets the mark, so each action gets a
    mark of its own. ``resource.getrusage`` is not used: its ``ru_maxrss`` keeps the parent's
    mark across fork and exec (a harness started by Node reports Node's size) and cannot be
    reset.

    Called untraced, just before tracing starts, and with ``os`` calls only: an object made
    and freed here (a list, a tuple) would go to a free list, and the program would reuse it
    without tracemalloc seeing an allocation.
    """
    global _mark_reset
    _mark_reset = False
    try:
        descriptor = os.open("/proc/self/clear_refs", os.O_WRONLY)
        try:
            os.write(descriptor, b"5")
            _mark_reset = True
        finally:
            os.close(descriptor)
    except OSError:
        pass  # an older kernel, or a sandbox: the mark stays where it was
    try:
        return _read_status()
    except OSError:
        return None


def resident_rise(start):
    """Bytes the high-water mark rose above the resident size of ``start`` (what
    ``resident_status`` read before the action), or None: not measured. Where the mark could
    not be reset, the rise is still exact when the action took it higher than anything before;
    when it did not, an earlier, higher mark hides the action's own."""
    if start is None:
        return None
    before = _resident_sizes(start)
    try:
        now = _resident_sizes(_read_status())
    except OSError:
        return None
    if before is None or now is None:
        return None
    resident, mark = before
    highest = now[1]
    # A mark reset just before may already stand some pages above the resident size read after
    # it (pages the process gave back in between): the rise is still the action's, to a page.
    if not _mark_reset and mark > resident and highest <= mark:
        return None
    return max(0, highest - resident)


# Whether the last ``resident_status`` reset the high-water mark (a bool: no allocation).
_mark_reset = False


def _read_status():
    """``/proc/self/status`` as it is now; raises OSError where there is none."""
    descriptor = os.open("/proc/self/status", os.O_RDONLY)
    try:
        return os.read(descriptor, 1 << 16)
    finally:
        os.close(descriptor)


def _resident_sizes(status):
    """``(VmRSS, VmHWM)`` in bytes from ``/proc/self/status``, or None where it lacks them."""
    fields = {}
    for line in status.split(b"\n"):
        name, _, value = line.partition(b":")
        if name in (b"VmRSS", b"VmHWM"):
            number = value.split()
            if number and number[0].isdigit():
                fields[name] = int(number[0]) * 1024  # kB
    if len(fields) != 2:
        return None
    return fields[b"VmRSS"], fields[b"VmHWM"]


def warm_up_object_count():
    objects.count_types(())


def line_diff(after, before):
    """``{(filename, lineno): (size, count)}`` of after - before, machinery dropped."""
    now = _by_line(after)
    then = _by_line(before)
    sites = {}
    for key, (size, count) in now.items():
        old = then.pop(key, None)
        if old is not None:
            size -= old[0]
            count -= old[1]
        if (size or count) and not is_machinery(key[0]):
            sites[key] = (size, count)
    for key, (size, count) in then.items():
        if not is_machinery(key[0]):
            sites[key] = (-size, -count)
    return sites


def line_totals(snapshot):
    """``{(filename, lineno): (size, count)}`` of everything alive, machinery dropped."""
    return {
        key: (size, count)
        for key, (size, count) in _by_line(snapshot).items()
        if not is_machinery(key[0])
    }


def _by_line(snapshot):
    """``{(filename, lineno) of the innermost frame: [size, count]}``.

    What ``Snapshot.statistics("lineno")`` computes, several times faster: it builds a
    Traceback and a Statistic per group and hashes whole tracebacks (slow with --frames 10),
    where this only reads the first frame of each raw trace.
    """
    totals = {}
    get = totals.get
    traces = _trace_tuples(snapshot)
    if getattr(snapshot, "traceback_limit", None) == 1:
        # One frame a trace (every measuring run): live blocks of one size allocated on one
        # line are equal tuples, hundreds of thousands of them but only hundreds apart. They
        # are counted alike by a C loop (``Counter``'s own), then summed per line here.
        from collections import _count_elements

        alike = {}
        _count_elements(alike, traces)
        for (_, size, traceback, _), number in alike.items():
            frame = traceback[0] if traceback else UNKNOWN_FRAME
            total = get(frame)
            if total is None:
                totals[frame] = [size * number, number]
            else:
                total[0] += size * number
                total[1] += number
        return totals
    # Once per live block (hundreds of thousands): tracemalloc's own tuples, read in place.
    # Deeper tracebacks cost more to hash than this loop costs to run.
    for _, size, traceback, _ in traces:
        frame = traceback[0] if traceback else UNKNOWN_FRAME
        total = get(frame)
        if total is None:
            totals[frame] = [size, 1]
        else:
            total[0] += size
            total[1] += 1
    return totals


UNKNOWN_FRAME = ("<unknown>", 0)


def raw_traces(snapshot):
    """``(size, frames most recent first, total frame count)`` per trace."""
    return ((size, frames, total) for _, size, frames, total in _trace_tuples(snapshot))


def _trace_tuples(snapshot):
    """``(domain, size, frames most recent first, total frame count)`` per trace.

    ``Snapshot.traces._traces`` holds exactly that as tuples (tracemalloc's own grouping
    reads it), returned as it is; the public route builds three objects per trace, so it is
    only the fallback.
    """
    traces = getattr(snapshot.traces, "_traces", None)
    if traces is not None and (not traces or len(traces[0]) == 4):
        return traces
    return (
        (
            trace.domain,
            trace.size,
            tuple((frame.filename, frame.lineno) for frame in reversed(trace.traceback)),
            getattr(trace.traceback, "total_nframe", None),
        )
        for trace in snapshot.traces
    )


class TracebackFilter:
    """Which innermost frames to keep tracebacks for, from normalised ``path:line`` sites.

    Names are normalised only after the run, so this is a generous first cut on the raw
    file names (same line, and a name that ends like the normalised path); ``snapshot.py``
    then keeps the exact matches.
    """

    def __init__(self, sites):
        self.sites = sites  # [(normalised file, line)]
        self._suffixes = {}
        for file, line in sites:
            self._suffixes.setdefault(line, []).append(_raw_suffix(file))
        self._cache = {}

    def forget(self):
        """Drops what ``wants`` remembered: objects a later object count would see."""
        self._cache.clear()

    def wants(self, filename, lineno):
        suffixes = self._suffixes.get(lineno)
        if suffixes is None:
            return False
        key = (filename, lineno)
        wanted = self._cache.get(key)
        if wanted is None:
            name = filename.replace(os.sep, "/")
            wanted = any(name == suffix or name.endswith("/" + suffix) for suffix in suffixes)
            self._cache[key] = wanted
        return wanted


def _always():
    return True


class SiteListFile:
    """The sites of a site list file (``--retention-sites``), as a TracebackFilter read only
    when first asked for (``wants``, ``sites``, ``active``) and dropped by ``forget``: read
    after a measurement, not before it, so that a run which walks sets up the measured call
    exactly as a run which does not (what reading leaves, or frees, before the call changes
    the layout of memory the call allocates in, and so its peak, by a few bytes).

    A file that is not there wants nothing, unless it is ``required``; one that cannot be
    read, or a line that is not ``path:line``, wants nothing either, and ``failure`` then
    says why (naming ``option``), for the run to end with."""

    def __init__(self, path, option, required=True):
        self.path = path
        self.option = option
        self.required = required
        self.error = None
        self._filter = None

    def _loaded(self):
        if self._filter is None:
            try:
                wait_for_pending(self.path)
                sites = read_site_list(self.path)
            except FileNotFoundError as error:
                if self.required:
                    self.error = "%s %s: %s" % (self.option, self.path,
                                                error.strerror or error)
                sites = []
            except OSError as error:
                self.error = "%s %s: %s" % (self.option, self.path, error.strerror or error)
                sites = []
            except ValueError as error:
                self.error = "%s %s" % (self.option, error)
                sites = []
            self._filter = TracebackFilter(sites)
        return self._filter

    @property
    def sites(self):
        return self._loaded().sites

    def coming(self):
        """Whether the file is there or written later (pending): a walk may follow. Not read."""
        return os.path.exists(self.path) or os.path.exists(self.path + PENDING_SUFFIX)

    def active(self):
        """Whether any site is wanted (the file is read now if it was not)."""
        return bool(self._loaded().sites)

    def wants(self, filename, lineno):
        return self._loaded().wants(filename, lineno)

    def forget(self):
        """Drops everything read: objects a later object count would see."""
        self._filter = None

    def failure(self):
        """Why the file's sites could not be read (it is read now if it was not), or None."""
        self._loaded()
        return self.error


# Seconds a run waits at most for a pending site list (allocdiff's own deadline is shorter).
WAIT_LIMIT = 6 * 3600
# Beside a site list that allocdiff writes only once it knows the sites (from a run made at the
# same time as this one): the list is waited for while this file is there.
PENDING_SUFFIX = ".pending"


def wait_for_pending(path):
    """Returns once ``path`` exists or nothing is pending (no ``path.pending``): allocdiff
    writes the list whole (renamed into place). Raises OSError when the process that started
    this one is gone first, or after WAIT_LIMIT."""
    parent = os.getppid()
    give_up = time.monotonic() + WAIT_LIMIT
    while not os.path.exists(path) and os.path.exists(path + PENDING_SUFFIX):
        if os.getppid() != parent or time.monotonic() > give_up:
            raise OSError("never written (the process that was to write it is gone)")
        time.sleep(0.02)


def read_site_list(path):
    """``[(file, line)]`` from a file of normalised ``path:line`` lines (blank and ``#`` lines
    skipped). Raises OSError when it cannot be read, ValueError (naming the file and line)
    for a line that is not ``path:line``."""
    with open(path, "rb") as file:
        data = file.read()
    sites = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        line = os.fsdecode(raw.rstrip(b"\r"))
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        file, colon, lineno = line.rpartition(":")
        if not colon or not file or not lineno.isdigit() or int(lineno) < 1:
            raise ValueError("%s line %d: expected path:line, not %r" % (path, number, line))
        sites.append((file, int(lineno)))
    return sites


def _raw_suffix(normalised):
    for prefix in ("<stdlib>/", "site-packages/"):
        if normalised.startswith(prefix):
            return normalised[len(prefix):]
    return normalised.lstrip("/") if not normalised.startswith("<") else normalised


def traceback_diff(after, before, wanted):
    """Per traceback, after - before, for traces whose innermost frame ``wanted`` wants
    (``before`` None: everything in ``after``, traced from nothing).

    Returns ``[(frames oldest first, size, count, truncated)]``.
    """
    totals = {}
    for sign, snapshot in ((1, after), (-1, before)):
        if snapshot is None:
            continue
        for size, frames, total_nframe in raw_traces(snapshot):
            if not frames or not wanted.wants(*frames[0]):
                continue
            total = totals.get(frames)
            if total is None:
                total = totals[frames] = [0, 0, False]
            total[0] += sign * size
            total[1] += sign
            if total_nframe is not None and total_nframe > len(frames):
                total[2] = True
    return [
        (tuple(reversed(frames)), size, count, truncated)
        for frames, (size, count, truncated) in totals.items()
        if size or count
    ]


def clear_type_cache():
    """Make "retained" repeatable.

    CPython's type attribute cache keeps a reference to attribute names it saw, including
    strings made on the fly (PyObject_GetAttrString, getattr(obj, "x_" + name)); which ones
    survive depends on memory addresses, so it is cleared before every after snapshot.
    """
    clear = getattr(sys, "_clear_internal_caches", None) or getattr(sys, "_clear_type_cache", None)
    if clear is not None:  # both are CPython only
        clear()


def is_clean_exit(exc):
    """``sys.exit()`` / ``sys.exit(0)`` end a script successfully, as for the interpreter."""
    return isinstance(exc, SystemExit) and exc.code in (None, 0)


def _real(path):
    try:
        return os.path.realpath(path or os.curdir)
    except (OSError, ValueError):
        return path
