"""Run one script as ``__main__`` under tracemalloc and measure it.

Only modules the measurement needs are imported here (and no ``__future__``): anything loaded
before the run is free for the script to import, which would hide that import's cost.
"""

import gc
import linecache  # already loaded by tracemalloc
import os
import pkgutil
import runpy
import sys
import time
import tracemalloc
import zipimport  # part of the import system, always loaded

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))

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
    """What one run of the script left behind."""

    def __init__(self):
        self.peak_bytes = 0
        self.duration_seconds = 0.0
        # tracemalloc.StatisticDiff per file:line, machinery frames already dropped.
        self.stats = []
        # The exception that ended the script, if it failed (SystemExit(0) is success).
        self.error = None
        # {"what", "why"} for anything that could not be measured.
        self.unmeasured = []


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
    harness_parent = _real(os.path.dirname(HARNESS_DIR))
    # The benchmark must not import from the harness's PYTHONPATH entry by accident
    # (the variable itself is left alone, so child processes still see it).
    kept = [entry for entry in harness_path if _real(entry) != harness_parent]
    if safe_path:
        sys.path[:] = kept
    else:
        # Like the interpreter: the script's directory, symlinks resolved.
        sys.path[:] = [os.path.dirname(os.path.realpath(script_path))] + kept
    return harness_path


def measure_script(script_path, frames):
    """Run ``script_path`` as ``__main__`` between a before and an after snapshot."""
    result = Measurement()
    if tracemalloc.is_tracing():
        # start() would silently keep the old frame limit; restart so --frames holds.
        tracemalloc.stop()
        result.unmeasured.append(
            {
                "what": "tracemalloc as configured by the environment",
                "why": "tracemalloc was already tracing (PYTHONTRACEMALLOC or -X tracemalloc);"
                " the harness restarted it with frames=%d" % frames,
            }
        )

    # run_path imports pkgutil and caches an importer for the script's path on first use;
    # done here, untraced, so the harness leaves no sites of its own in pkgutil.py.
    pkgutil.get_importer(script_path)

    tracemalloc.start(frames)
    gc.collect()
    before = tracemalloc.take_snapshot()
    # The before snapshot and the harness's data are part of the start level, not the peak.
    tracemalloc.reset_peak()
    start_level = tracemalloc.get_traced_memory()[0]

    namespace = None
    raised = None
    started = time.perf_counter()
    try:
        # run_path returns a copy of the globals, which keeps the script's objects alive.
        namespace = runpy.run_path(script_path, run_name="__main__")
    except BaseException as exc:  # noqa: B902 - KeyboardInterrupt and SystemExit included
        # Its traceback holds the script's frames and so its globals: keep them alive too.
        raised = exc
    result.duration_seconds = time.perf_counter() - started
    tracing = tracemalloc.is_tracing()
    if tracing:
        result.peak_bytes = max(0, tracemalloc.get_traced_memory()[1] - start_level)

    if raised is not None and not _is_clean_exit(raised):
        result.error = raised

    if not tracing:
        result.unmeasured.append(
            {"what": "peak and retained memory", "why": "the script stopped tracemalloc"}
        )
        return result
    if tracemalloc.get_traceback_limit() != frames:
        result.unmeasured.append(
            {
                "what": "tracebacks of %d frames" % frames,
                "why": "the script restarted tracemalloc with frames=%d"
                % tracemalloc.get_traceback_limit(),
            }
        )

    # CPython's type attribute cache keeps a reference to attribute names it saw, including
    # strings made on the fly (PyObject_GetAttrString, getattr(obj, "x_" + name)); which ones
    # survive depends on memory addresses, so clearing it makes "retained" repeatable.
    _clear_type_cache()
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()  # the rest is bookkeeping; no need to trace it
    del namespace, raised  # alive until here on purpose

    # Same result as Snapshot.filter_traces on both snapshots (grouping by 'lineno' keys on
    # the innermost frame, which is what a Filter checks), but without a pass per filter.
    result.stats = [
        stat
        for stat in after.compare_to(before, "lineno")
        if (stat.size_diff or stat.count_diff) and not is_machinery(stat.traceback[0].filename)
    ]
    return result


def _clear_type_cache():
    clear = getattr(sys, "_clear_internal_caches", None) or getattr(sys, "_clear_type_cache", None)
    if clear is not None:  # both are CPython only
        clear()


def _is_clean_exit(exc):
    """``sys.exit()`` / ``sys.exit(0)`` end a script successfully, as for the interpreter."""
    return isinstance(exc, SystemExit) and exc.code in (None, 0)


def _real(path):
    try:
        return os.path.realpath(path or os.curdir)
    except (OSError, ValueError):
        return path
