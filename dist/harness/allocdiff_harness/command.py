"""Command mode: measure a whole Python process, from startup to exit.

``inject/sitecustomize.py`` calls ``start`` early in every Python process a ``command:``
starts (subprocesses inherit PYTHONPATH, so they are included). Tracing starts there; at exit
(the last ``atexit`` handler, so the program's own handlers have run and its ``__main__``
globals are still alive) the process writes a partial snapshot into ``ALLOCDIFF_COMMAND_DIR``:

- ``<token>.started``: written at start, so a process that never reaches its exit handlers
  (killed, ``os._exit``, a crash) is reported as unmeasured rather than missed;
- ``<token>.json``: at exit, a snapshot with this process's scenarios plus a
  ``process`` entry: the whole process as one scenario, or, when pytest ran in it with the
  plugin (``pytest_plugin.py``), one scenario per test;
- ``<pid>.forked``: a child made by ``os.fork()`` without exec (its memory is a copy of its
  parent's, so it is not measured; its parent is).

The traceback pass runs the command again with more frames (``ALLOCDIFF_FRAMES``) and a file
of normalised ``path:line`` sites in ``ALLOCDIFF_TRACEBACK_SITES``: each process (or test) then
also groups what it holds at the end by call path, for those sites only, as
``--traceback-sites`` does for a script (``capture.TracebackFilter``).

The deep pass runs the command again (or, for pytest alone, a child forked from the session
its first run left waiting: ``fork_pass``) to measure tests in depth (see ``Depth``): only the tests
listed in ``ALLOCDIFF_TESTS`` run (the plugin deselects the others), and each test's body is
called again in the same process after its measured call, as a ``bench_*`` function is: more
measured calls (``ALLOCDIFF_REPEATS``), one that counts live objects by type
(``ALLOCDIFF_OBJECT_TYPES``), one under the peak hooks (``ALLOCDIFF_PEAK_SITES``,
``ALLOCDIFF_PEAK_TARGETS``) and the leak check (``ALLOCDIFF_ITERATIONS``). On head, where
retained memory grew, the first measured call of a test (or a whole process) whose retained
memory grew also finds what keeps the objects of the grown sites alive (``retention.py``):
``ALLOCDIFF_RETENTION_SITES`` names those sites, ``ALLOCDIFF_RETENTION_SCENARIOS`` the
scenarios that walk.

``aggregate.py`` merges them into the side's snapshot.

Only modules every interpreter has loaded (or built in) are imported here before the program
runs: anything imported now would be free for the program to import, and hide that cost.
"""

import _tracemalloc
import atexit
import gc
import os
import sys
import time

from . import checkout

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))
FIELD_SEPARATOR = "\0"
PYTEST_PLUGIN = "allocdiff_harness.pytest_plugin"


class _State:
    def __init__(self, directory, root, frames):
        self.directory = directory
        self.root = root
        self.frames = frames
        self.pid = os.getpid()
        self.token = "%d-%d" % (self.pid, time.monotonic_ns())
        self.cwd = os.getcwd()
        self.entry = entry_point(
            sys.argv, getattr(sys, "orig_argv", None) or _cmdline(), root=root
        )
        # The test that started this process, if one did (pytest sets it while a test runs).
        self.test = started_by_test(os.environ.get("PYTEST_CURRENT_TEST"))
        self.started = time.perf_counter()
        self.forked = False
        # A pytest session whose passes run in forked children (see ``serving``).
        self.serving = False
        # A pass of such a session: a child forked from it (see ``fork_pass``).
        self.in_pass = False
        # An object allocated once tracing started: its trace is gone if the program clears
        # the traces (or stops and restarts tracing), which makes the measurement meaningless.
        self.marker = None
        # [scenarios.Scenario] when pytest took the measuring over; None for the whole process.
        self.tests = None
        # pytest runs in this process, untraced until it configures (see ``runs_pytest``).
        self.untraced_start = False
        self.unmeasured = []
        # The traceback pass: the file of sites, and (read at the first measurement's end,
        # untraced) the capture.TracebackFilter made of it.
        self.traceback_sites = given(os.environ, "ALLOCDIFF_TRACEBACK_SITES")
        self.traceback_filter = None
        self.checkout = checkout.Checkout.from_environment(
            root, keep=[os.path.dirname(HARNESS_DIR)]
        )
        # The reads pass (selection.py): nothing is traced, pytest records what each test reads.
        self.recording_reads = bool(os.environ.get("ALLOCDIFF_RECORD_READS"))
        self.recorder = None
        self.reads_written = False
        self.depth = Depth(os.environ)


class Depth:
    """What a deep pass measures of each test it runs, from the environment; the files it
    names are read once pytest takes over (``load``), untraced.

    - ``ALLOCDIFF_TESTS``: a file of node ids, one a line: the only tests that run;
    - ``ALLOCDIFF_REPEATS``: measured calls of each test's body (the first is pytest's own);
    - ``ALLOCDIFF_OBJECT_TYPES`` = ``1``: one more call, counting live objects by type;
      ``ALLOCDIFF_OBJECT_TYPES_TESTS``: a file of node ids, one a line: for those tests only
      (without it, every test);
    - ``ALLOCDIFF_PEAK_SITES`` = ``1``: one more call under the peak hooks, for every test;
      ``ALLOCDIFF_PEAK_TARGETS``: a file of ``<peak bytes> <node id>`` lines, for those tests,
      aiming at that peak (0: no reference);
    - ``ALLOCDIFF_ITERATIONS``: leak-check calls of each test's body (0: none);
    - ``ALLOCDIFF_RETENTION_SITES``: a file of normalised ``path:line`` sites (as
      ``--retention-sites``), and ``ALLOCDIFF_RETENTION_SCENARIOS`` a file of scenario names
      (node ids, process names), one a line (without it, every scenario): after the first
      measured call of each of those scenarios, while its objects are alive and traced, what
      keeps the objects of those sites alive (see ``retention_walk``).
    """

    def __init__(self, environ):
        self.tests_file = given(environ, "ALLOCDIFF_TESTS")
        self.repeats = _whole(given(environ, "ALLOCDIFF_REPEATS"), 1)
        self.iterations = _whole(given(environ, "ALLOCDIFF_ITERATIONS"), 0)
        self.object_types = given(environ, "ALLOCDIFF_OBJECT_TYPES") == "1"
        self.object_types_file = given(environ, "ALLOCDIFF_OBJECT_TYPES_TESTS")
        self.every_peak = given(environ, "ALLOCDIFF_PEAK_SITES") == "1"
        self.peak_targets_file = given(environ, "ALLOCDIFF_PEAK_TARGETS")
        self.retention_sites_file = given(environ, "ALLOCDIFF_RETENTION_SITES")
        self.retention_scenarios_file = given(environ, "ALLOCDIFF_RETENTION_SCENARIOS")
        # Read by load(): the node ids that run (None: every test), those whose objects are
        # counted (None: every one), {node id: peak bytes}.
        self.tests = None
        self.counted = None
        self.peak_targets = {}
        # Read when first needed (after a measured call's traces were taken: nothing is
        # imported before it that the other side would not have imported too): the
        # capture.TracebackFilter of the retention sites, and the scenarios that walk.
        self.retention_filter = None
        self.retention_scenarios = None

    def load(self):
        if self.tests_file is not None:
            with open(self.tests_file, "rb") as file:
                lines = os.fsdecode(file.read()).split("\n")
            self.tests = {line for line in lines if line}
        if self.object_types_file is not None:
            with open(self.object_types_file, "rb") as file:
                lines = os.fsdecode(file.read()).split("\n")
            self.counted = {line for line in lines if line}
        if self.peak_targets_file is not None:
            with open(self.peak_targets_file, "rb") as file:
                lines = os.fsdecode(file.read()).split("\n")
            for line in lines:
                peak, _, nodeid = line.partition(" ")
                if nodeid and peak.isdigit():
                    self.peak_targets[nodeid] = int(peak)

    def peak_reference(self, nodeid):
        """None when the test's sites at the peak are not wanted; else the peak to aim at
        (0: none)."""
        if nodeid in self.peak_targets:
            return self.peak_targets[nodeid]
        return 0 if self.every_peak else None

    def counts(self, nodeid):
        """Whether a test's live objects are counted by type."""
        return self.object_types and (self.counted is None or nodeid in self.counted)

    def walks(self, name):
        """Whether scenario ``name`` looks for what keeps the retention sites' objects alive.
        Reads the files on first use; one that cannot be read costs the walk (said on
        stderr), never the measurement."""
        if self.retention_sites_file is None:
            return False
        if self.retention_filter is None:
            from . import capture

            try:
                sites = capture.read_site_list(self.retention_sites_file)
                if self.retention_scenarios_file is not None:
                    with open(self.retention_scenarios_file, "rb") as file:
                        lines = os.fsdecode(file.read()).split("\n")
                    self.retention_scenarios = {line for line in lines if line}
            except (OSError, ValueError) as error:
                sys.stderr.write("allocdiff: no retention paths: %s\n" % (error,))
                self.retention_sites_file = None
                return False
            self.retention_filter = capture.TracebackFilter(sites)
        return self.retention_scenarios is None or name in self.retention_scenarios

    def wanted(self, nodeid):
        """Whether a test's body is called beyond its measured call."""
        return (
            self.repeats > 1
            or self.iterations > 0
            or self.counts(nodeid)
            or self.peak_reference(nodeid) is not None
        )


def _whole(text, default):
    return int(text) if text and text.isdigit() else default


def given(environ, name):
    """The value of allocdiff's variable ``name``; None when it is unset or blank.

    allocdiff gives every run of a command the same variables, with values of the same length
    (numbers written with leading zeros, a file not given as spaces): the environment is
    copied into the heap before anything is measured, and a process's peak is exact from run
    to run only when its heap starts out the same."""
    value = environ.get(name)
    return value if value and value.strip() else None


_state = None


def start(directory, root=None, frames=None):
    """Start measuring this process; the result is written at exit."""
    global _state
    if os.environ.get(FURTHER_CALL) == FURTHER_CALL_VALUE:
        # Started by a test's further call in a deep pass: see ``FurtherCalls``.
        return
    root = root or given(os.environ, "ALLOCDIFF_ROOT") or os.getcwd()
    frames = frames or int(given(os.environ, "ALLOCDIFF_FRAMES") or 1)
    _state = state = _State(directory, root, frames)
    _write_marker(
        "%s.started" % state.token,
        [str(state.pid), str(os.getppid()), state.cwd, state.entry[0], state.entry[1], state.test],
    )
    if _tracemalloc.is_tracing():
        _tracemalloc.stop()
        state.unmeasured.append(
            {
                "what": "tracemalloc as configured by the environment",
                "why": "tracemalloc was already tracing (PYTHONTRACEMALLOC or -X tracemalloc);"
                " allocdiff restarted it with frames=%d" % frames,
            }
        )
    _offer_pytest_plugin()
    # This side's checkout wins over what the environment installed (see checkout.py).
    state.checkout.prepare()
    if state.recording_reads:
        from . import selection

        # From the start: conftest.py files and plugins are read before pytest configures.
        state.recorder = selection.Recorder(root)
        state.recorder.install()
        atexit.register(_write_reads)
        return
    os.register_at_fork(after_in_child=_after_fork_in_child)
    # Registered first, so it runs last: after the program's own exit handlers.
    atexit.register(_at_exit)
    if runs_pytest(state.entry):
        # Its tests are the scenarios, each traced on its own (take_over_for_tests): pytest's
        # start (its imports, its plugins', the conftest files) is no test's, and runs untraced.
        state.untraced_start = True
        return
    _tracemalloc.start(frames)
    state.marker = object()


PYTEST_SCRIPTS = frozenset(("pytest", "py.test", "pytest-3", "py.test-3"))
# Set in the environment while a deep pass calls a test again (see ``FurtherCalls``).
FURTHER_CALL = "ALLOCDIFF_FURTHER_CALL"
FURTHER_CALL_VALUE = "1"


def runs_pytest(entry):
    """Whether ``entry`` (see ``entry_point``) is pytest: ``python -m pytest``, or its
    ``pytest``/``py.test`` script (``pytest-3`` in Debian's package). (A pytest-xdist worker runs code pytest-xdist sends: it is
    traced from its start, and its tests are scenarios all the same.)"""
    kind, value = entry
    if kind == "module":
        return value == "pytest"
    return kind == "script" and os.path.basename(value) in PYTEST_SCRIPTS


def _offer_pytest_plugin():
    """Let pytest, if it runs in this process, load the plugin (the project's configuration
    is untouched: the plugin is added to whatever ``PYTEST_PLUGINS`` holds).

    Only this process's ``os.environ`` gets it, not the real environment: a child started
    with a rebuilt environment that keeps PYTEST_PLUGINS but drops PYTHONPATH would otherwise
    fail to import the plugin. Each measured child adds it for itself.
    """
    plugins = [name.strip() for name in os.environ.get("PYTEST_PLUGINS", "").split(",")]
    if PYTEST_PLUGIN in plugins:
        return
    value = ",".join([name for name in plugins if name] + [PYTEST_PLUGIN])
    data = getattr(os.environ, "_data", None)
    encode_key = getattr(os.environ, "encodekey", None)
    encode_value = getattr(os.environ, "encodevalue", None)
    if isinstance(data, dict) and encode_key is not None and encode_value is not None:
        data[encode_key("PYTEST_PLUGINS")] = encode_value(value)
    else:
        os.environ["PYTEST_PLUGINS"] = value


CODE_SHOWN = 40


def entry_point(argv, full_argv, root=None):
    """``(kind, value)`` of what this process runs: ``("module", "pkg.bench")`` for
    ``-m pkg.bench``, ``("script", "bench.py")``, ``("code", "-c import mylib")``, or
    ``("other", ...)``. ``root``: the checkout (see ``code_name``)."""
    first = argv[0] if argv else ""
    if first == "-c":
        return ("code", code_name(_code_argument(full_argv), root))
    if first == "-m":
        # Before runpy replaces it, argv[0] is "-m": the module is on the full command line.
        args = list(full_argv or [])
        for index, arg in enumerate(args[1:], 1):
            if arg == "-m" and index + 1 < len(args):
                return ("module", args[index + 1])
            if arg.startswith("-m") and len(arg) > 2 and not arg.startswith("--"):
                return ("module", arg[2:])
        return ("module", "?")
    if first in ("", "-"):
        return ("other", "<stdin>")
    return ("script", first)


def _code_argument(full_argv):
    """The code of ``python -c CODE`` (or ``-cCODE``) on the full command line; None if unseen."""
    args = list(full_argv or [])
    for index, arg in enumerate(args[1:], 1):
        if arg == "-c":
            return args[index + 1] if index + 1 < len(args) else None
        if arg.startswith("-c") and not arg.startswith("--"):
            return arg[2:]
    return None


def code_name(code, root=None):
    """What a ``python -c CODE`` process runs, as its scenario is named: ``-c`` and the start
    of its code, its whitespace collapsed (``-c import mylib; mylib.main()``), cut to
    ``CODE_SHOWN`` characters so the paths and data that vary from run to run mostly fall
    outside it (the checkout's own path is written ``.``: base and head name the same code
    alike). Only ASCII is added: the name is written to the start marker in the file system's
    encoding."""
    if code is None:
        shown = ""
    else:
        if root:
            code = code.replace(root.rstrip(os.sep) + os.sep, "./").replace(root, ".")
        # What cannot be shown (control characters, undecodable bytes) is a space.
        head = code[: CODE_SHOWN * 10]
        shown = " ".join("".join(c if c.isprintable() else " " for c in head).split())
        if len(shown) > CODE_SHOWN or len(code) > len(head):
            shown = shown[: CODE_SHOWN - 3].rstrip() + "..."
    return "-c " + shown if shown else "-c"


def started_by_test(current):
    """The node id of the test running when this process started, from the
    ``PYTEST_CURRENT_TEST`` it inherited (``tests/test_x.py::test_y (call)``); "" if none."""
    if not current:
        return ""
    # The phase is not part of the test's name.
    return current.rsplit(" (", 1)[0] if current.endswith(")") else current


def scenario_name(entry, paths, test=""):
    """The scenario a process is reported as: a script's normalised path, ``-m module``,
    ``-c`` and its code (see ``code_name``) or ``<stdin>``; started by a test, the test's node
    id first (``tests/test_cli.py::test_version > -c import mylib``): such a helper process is
    shown as what it is, a process of that test, not a test of its own. Processes with the
    same name are merged."""
    kind, value = entry
    if kind == "script":
        name = paths.normalize(value)
    elif kind == "module":
        name = "-m " + value
    else:
        name = value
    return "%s > %s" % (test, name) if test else name


def take_over_for_tests():
    """pytest runs in this process: its tests are the scenarios, not the whole process.

    Process-wide tracing stops (collection and fixtures run at full speed); each test call
    is traced on its own (see ``TestMeasurement``), and what is alive when one starts is
    frozen from then on (see collection.py).
    """
    if _state is None or _state.tests is not None:
        return None
    _state.tests = []
    from . import collection

    collection.freeze_between_calls()
    if _tracemalloc.is_tracing():
        _tracemalloc.stop()
    _state.depth.load()
    return _state.tests


def selected_tests():
    """The node ids a deep pass runs (the others are deselected); None: every test."""
    return _state.depth.tests if measuring() and _state.tests is not None else None


def measuring():
    return _state is not None and not _state.forked and not _state.recording_reads


def reads_recorder():
    """The reads pass: this process's ``selection.Recorder``; None otherwise."""
    if _state is None or _state.forked:
        return None
    return _state.recorder


def write_reads_now():
    """Writes what the tests read now rather than at exit (a pytest-xdist worker, whose
    controller may end, and its processes be killed, before the worker's exit handlers run)."""
    _write_reads()


def _write_reads():
    state = _state
    if state is None or state.forked or os.getpid() != state.pid or not state.recorder.pytest:
        return
    if state.reads_written:
        return
    state.reads_written = True
    state.recorder.stop()
    try:
        state.recorder.write(state.directory)
    except BaseException as error:  # noqa: B902 - the program's exit status must not change
        sys.stderr.write("allocdiff: what the tests read could not be written: %r\n" % (error,))


def frames():
    return _state.frames


# --- a pytest session that serves several passes (see pytest_plugin.serve_passes) --------

# Set while this process forks a pass of its pytest session: that child is measured, as a
# process of its own, not left out as a forked copy.
_forking_pass = False


def serving():
    """This process became a pytest session that forks its passes: it measures nothing itself
    (its start marker is removed, and it writes no result)."""
    state = _state
    state.serving = True
    try:
        os.remove(os.path.join(state.directory, "%s.started" % state.token))
    except OSError:
        pass


def fork_pass(environ):
    """Fork a child that runs one pass of this pytest session, its collected tests as they are:
    ``environ`` (the pass's ``ALLOCDIFF_*`` variables, ``ALLOCDIFF_COMMAND_DIR`` among them) is
    its environment's, and what it measures is written there at its exit, as a process's.
    Returns the child's pid in this process, 0 in the child."""
    global _forking_pass
    from . import collection  # loaded by take_over_for_tests

    collection.freeze_before_fork()
    _flush_output()
    _forking_pass = True
    try:
        pid = os.fork()
    finally:
        _forking_pass = False
    if pid == 0:
        _start_pass(environ)
    return pid


def _start_pass(environ):
    _renew_per_process_state()
    state = _state
    os.environ.update(environ)
    state.serving = False
    state.in_pass = True
    state.pid = os.getpid()
    state.token = "%d-%d" % (state.pid, time.monotonic_ns())
    state.directory = os.environ["ALLOCDIFF_COMMAND_DIR"]
    state.frames = int(given(os.environ, "ALLOCDIFF_FRAMES") or state.frames)
    state.traceback_sites = given(os.environ, "ALLOCDIFF_TRACEBACK_SITES")
    state.traceback_filter = None
    state.started = time.perf_counter()
    state.tests = []
    state.unmeasured = list(state.unmeasured)
    state.depth = Depth(os.environ)
    state.depth.load()
    _write_marker(
        "%s.started" % state.token,
        [str(state.pid), str(os.getppid()), state.cwd, state.entry[0], state.entry[1], state.test],
    )


def _temporary_file_names(tempfile):
    # The random generator that names temporary files: made anew in a process whose pid changed
    # (2.5 KiB), and with the shared name sequence itself when nothing made one yet.
    tempfile._get_candidate_names().rng


# State the standard library keeps per process and makes lazily, in the first call that needs
# it in a process whose pid changed: (module, what makes it). A pass's child makes it before
# any test runs, so no test pays for it, whichever test of the pass is the first to need it.
# Only for a module the program imported already: nothing is imported here.
_PER_PROCESS_STATE = (("tempfile", _temporary_file_names),)


def _renew_per_process_state():
    for name, renew in _PER_PROCESS_STATE:
        module = sys.modules.get(name)
        if module is None:
            continue
        try:
            renew(module)
        except Exception:  # noqa: B902 - another Python's module: its first user pays, as before
            pass


def in_session_pass():
    """Whether this process is a pass of a pytest session: a child forked from it to measure
    (see ``fork_pass``)."""
    return measuring() and _state.in_pass


def end_now(status):
    """Ends this process with exit status ``status``, without the interpreter's teardown: the
    exit handlers run as at any exit (the program's own first, then the harness's, which writes
    what this process measured, or what its tests read), the output is flushed, and then the
    process exits (``os._exit``) rather than freeing every object of its heap one by one, which
    nothing reads. Only for a process whose results are all written by those handlers and whose
    end nothing else waits on (a pass of a pytest session; the reads pass of pytest alone)."""
    _flush_output()
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is not None:
        run_exit_handlers()
    else:
        _write_reads()
        _at_exit()
    _flush_output()
    os._exit(status)


def _flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass


def _after_fork_in_child():
    state = _state
    if state is None or state.forked or _forking_pass or _forking_copy:
        return
    state.forked = True
    if _tracemalloc.is_tracing():
        _tracemalloc.stop()
    try:
        _write_marker("%d.forked" % os.getpid(), [str(os.getpid()), state.token])
    except OSError:
        pass


def _at_exit():
    state = _state
    if state is None or state.forked or state.serving or os.getpid() != state.pid:
        return
    try:
        _finish(state)
    except BaseException as error:  # noqa: B902 - the program's exit status must not change
        _stop_tracing()
        sys.stderr.write("allocdiff: this process could not be measured: %r\n" % (error,))


def _stop_tracing():
    if _tracemalloc.is_tracing():
        _tracemalloc.stop()


def _tracing_lost(marker):
    """None while tracing holds ``marker``'s trace; else ``"stopped"`` or ``"cleared"``
    (as capture.tracing_lost, without importing anything while tracing)."""
    if not _tracemalloc.is_tracing():
        return "stopped"
    if _tracemalloc._get_object_traceback(marker) is None:
        return "cleared"
    return None


def _measure_and_stop(start_level, started, marker, walk=None, peak=None):
    """Peak, ``gc.collect()``, the traces, tracing stopped; then (untraced) the
    ``capture.Measurement`` they make. When the program stopped tracemalloc or cleared its
    traces since ``marker`` was allocated, a Measurement that is not ``traced`` and says which
    in ``lost_tracing``. ``walk``: called with the traces and the frame limit once they are
    taken, while tracing still holds the objects' tracebacks (see ``retention_walk``); what it
    returns is the measurement's ``retention``. ``peak``: the traced peak read already, before
    anything the harness allocated since the call ended."""
    duration = time.perf_counter() - started
    lost = _tracing_lost(marker)
    if lost is not None:
        _stop_tracing()
        from . import capture

        measurement = capture.Measurement()
        measurement.duration_seconds = duration
        measurement.traced = False
        measurement.lost_tracing = capture.STOPPED if lost == "stopped" else capture.CLEARED
        return measurement
    if peak is None:
        peak = _tracemalloc.get_traced_memory()[1]
    peak_bytes = max(0, peak - start_level)
    # As capture.clear_type_cache, without importing anything while tracing.
    clear = getattr(sys, "_clear_internal_caches", None) or getattr(sys, "_clear_type_cache", None)
    if clear is not None:
        clear()
    gc.collect()
    traces = _tracemalloc._get_traces()
    limit = _tracemalloc.get_traceback_limit()
    found = walk(traces, limit) if walk is not None else None
    _tracemalloc.stop()

    # Only now, untraced: what turning traces into sites needs.
    import tracemalloc

    from . import capture

    measurement = capture.Measurement()
    measurement.peak_bytes = peak_bytes
    measurement.duration_seconds = duration
    measurement.frames_used = limit
    traced = tracemalloc.Snapshot(traces, limit)
    measurement.sites = own_sites_dropped(capture.line_totals(traced))
    measurement.retention = found
    wanted = _traceback_filter(_state)
    if wanted is not None:
        # Traced from nothing (tracing started with the process, or the test): all it holds.
        measurement.tracebacks = capture.traceback_diff(traced, None, wanted)
    return measurement


def _traceback_filter(state):
    """The sites to keep tracebacks for, in the traceback pass; None otherwise. A site list
    that cannot be read costs the tracebacks (said on stderr), never the measurement."""
    if state.traceback_filter is None and state.traceback_sites is not None:
        from . import capture

        try:
            sites = capture.read_site_list(state.traceback_sites)
        except (OSError, ValueError) as error:
            sys.stderr.write("allocdiff: no tracebacks in this process: %s\n" % (error,))
            state.traceback_sites = None
        else:
            state.traceback_filter = capture.TracebackFilter(sites)
    return state.traceback_filter


def _finish(state):
    error = getattr(sys, "last_exc", None) or getattr(sys, "last_value", None)
    measurement = None
    if state.tests is None and state.untraced_start:
        # pytest ended before allocdiff's plugin took its tests over (before it configured: a
        # usage error, a conftest.py that failed to import, or the plugin disabled): no test
        # ran, and its start, untraced, is no scenario.
        state.unmeasured.append({
            "what": "pytest's tests",
            "why": "pytest ended before it configured (no test ran), or ran without allocdiff's"
            " plugin (%s)" % PYTEST_PLUGIN,
        })
        state.tests = []
    elif state.tests is None:
        # The peak before the walk is made (see TestMeasurement.finish).
        peak = _tracemalloc.get_traced_memory()[1]
        walk = None
        if state.depth.retention_sites_file is not None:

            def walk(traces, limit):
                main = getattr(sys.modules.get("__main__"), "__dict__", None)
                return retention_walk(_process_name(state), traces, limit, lambda: (main, None))

        measurement = _measure_and_stop(0, state.started, state.marker, walk, peak)
    duration = time.perf_counter() - state.started
    _stop_tracing()
    found = state.checkout.foreign_modules(cwd=state.cwd)
    foreign = (found, state.checkout.foreign_error(found)) if found else None

    from . import capture, scenarios, snapshot
    from .paths import PathNormalizer

    paths = PathNormalizer(root=state.root, stdlib=_stdlib(), cwd=state.cwd)
    name = scenario_name(state.entry, paths, state.test)
    run = scenarios.Run()
    run.total_seconds = duration
    if state.tests is not None:
        run.scenarios.extend(state.tests)
    else:
        scenario = scenarios.Scenario(name, "process")
        if error is not None and not capture.is_clean_exit(error):
            scenario.error = error
        if measurement.traced:
            scenario.repeats.append(measurement)
            if measurement.frames_used != state.frames:
                state.unmeasured.append(
                    {
                        "what": "tracebacks of %d frames" % state.frames,
                        "why": "the program restarted tracemalloc with frames=%d"
                        % measurement.frames_used,
                    }
                )
        else:
            # A failed scenario: without it, head would show the process as removed.
            scenario.lost_tracing = measurement.lost_tracing
            state.unmeasured.append(
                {
                    "what": "peak and retained memory",
                    "why": "the program %s" % measurement.lost_tracing,
                }
            )
        run.scenarios.append(scenario)
    options = scenarios.Options(
        frames=state.frames,
        object_types=False,
        traceback_filter=_traceback_filter(state),
        retention_filter=state.depth.retention_filter,
    )
    document = snapshot.build_snapshot(
        run,
        root=state.root,
        cwd=state.cwd,
        options=options,
        describe_platform=False,
        foreign=foreign,
    )
    document["unmeasured"].extend(
        dict(note, scenario=note.get("scenario", name)) for note in state.unmeasured
    )
    document["process"] = {
        "pid": state.pid,
        "ppid": os.getppid(),
        "name": name,
        "token": state.token,
    }
    snapshot.write_snapshot(document, os.path.join(state.directory, "%s.json" % state.token))


def _process_name(state):
    """The scenario this process is reported as (see ``scenario_name``)."""
    from .paths import PathNormalizer

    paths = PathNormalizer(root=state.root, stdlib=_stdlib(), cwd=state.cwd)
    return scenario_name(state.entry, paths, state.test)


# The kind of root a fixture's value is, in a retention path (see ``retention_walk``).
FIXTURE = "fixture"


def retention_walk(name, traces, limit, roots):
    """What keeps the objects of the deep pass's retention sites alive (``retention.find``'s
    bytes), after the first measured call of scenario ``name``: ``traces`` and ``limit`` are
    what tracing holds, taken, and tracing still runs (it stops after). None, at no cost, when
    the deep pass does not ask it of this scenario, or when the call holds nothing at those
    sites (what is not there needs no walk).

    ``roots()``: ``(main_globals, fixture_scopes)``, asked only for a walk: a dict whose values
    are roots, named by their keys (a process's ``__main__`` globals), and ``{fixture name:
    scope}`` when those keys are a test's fixtures (see ``fixture_values``): their paths are of
    kind ``fixture``, rooted at ``name (scope)``. A walk that fails costs the paths (said on
    stderr), never the measurement."""
    depth = _state.depth
    if not depth.walks(name):
        return None
    try:
        main_globals, fixture_scopes = roots()
        import marshal
        import tracemalloc

        from . import capture, retention

        wanted = depth.retention_filter
        snapshot = tracemalloc.Snapshot(traces, limit)
        goal = retention.traced_bytes(snapshot, wanted)
        if goal is not None and not goal:
            return None
        found = retention.find(
            wanted,
            main_globals=main_globals,
            is_machinery=capture.is_machinery,
            snapshot=snapshot,
        )
        wanted.forget()
        del snapshot
        if not fixture_scopes:
            return found
        seconds, results = retention.load(found)
        for site in results:
            paths = site[4]
            for index, path in enumerate(paths):
                if path[0] == retention.BENCHMARK_GLOBAL and path[1] in fixture_scopes:
                    root = "%s (%s)" % (path[1], fixture_scopes[path[1]])
                    paths[index] = (FIXTURE, root) + tuple(path[2:])
        return marshal.dumps((seconds, results))
    except Exception as error:  # noqa: BLE001 - the measurement stands without its paths
        sys.stderr.write("allocdiff: no retention paths for %s: %r\n" % (name, error))
        return None


def own_sites_dropped(sites):
    """Sites without the harness's own frames (this file, the injected sitecustomize) and
    without site.py, which finishes the interpreter's startup after tracing began."""
    import site

    from .capture import is_machinery

    prefix = HARNESS_DIR + os.sep
    startup = site.main.__code__.co_filename
    return {
        key: value
        for key, value in sites.items()
        if not key[0].startswith(prefix) and key[0] != startup and not is_machinery(key[0])
    }


def _stdlib():
    import sysconfig

    return sysconfig.get_paths()["stdlib"]


def _write_marker(name, fields):
    path = os.path.join(_state.directory, name)
    with open(path, "wb") as marker:
        marker.write(os.fsencode(FIELD_SEPARATOR.join(fields)))


def _cmdline():
    """The full command line on Linux, for Pythons without ``sys.orig_argv`` (3.9)."""
    try:
        with open("/proc/self/cmdline", "rb") as file:
            return [os.fsdecode(arg) for arg in file.read().split(b"\0") if arg]
    except OSError:
        return None


# --- pytest: one scenario per test (the plugin calls these) -----------------------------


class TestMeasurement:
    """The traced call of one test: tracing starts just before it and stops after."""

    def __init__(self, frames):
        from . import collection  # loaded by take_over_for_tests

        collection.before_call()
        _tracemalloc.start(frames)
        _tracemalloc.reset_peak()
        self.marker = object()
        self.start_level = _tracemalloc.get_traced_memory()[0]
        self.started = time.perf_counter()

    def finish(self, nodeid=None, fixtures=None):
        """A ``capture.Measurement`` of the call (not ``traced`` if the test stopped
        tracemalloc or cleared its traces). ``nodeid``: the test's first measured call, whose
        retention paths the deep pass may ask for; ``fixtures()`` then gives its fixtures (see
        ``fixture_values``)."""
        # The peak before anything below allocates (the walk is made while tracing is on): a
        # call that walks has the same peak as one that does not.
        peak = _tracemalloc.get_traced_memory()[1]
        walk = None
        if nodeid is not None and _state.depth.retention_sites_file is not None:

            def walk(traces, limit):
                return retention_walk(nodeid, traces, limit, fixtures or (lambda: (None, None)))

        return _measure_and_stop(self.start_level, self.started, self.marker, walk, peak)


def fixture_values(funcargs, fixtureinfo):
    """``({name: value}, {name: scope})`` of a test's fixtures (``item.funcargs``, and
    ``item._fixtureinfo`` for their scopes), ``request`` left out: the roots a test's retention
    paths may start from, in the order pytest set them up."""
    values = {}
    scopes = {}
    definitions = getattr(fixtureinfo, "name2fixturedefs", None) or {}
    for name, value in (funcargs or {}).items():
        if name == "request" or not isinstance(name, str):
            continue
        values[name] = value
        defined = definitions.get(name) or ()
        scope = getattr(defined[-1], "scope", None) if defined else None
        scopes[name] = scope if isinstance(scope, str) else "function"
    return values, scopes


def measure_deeper(nodeid, call, measurement, copy=None):
    """A test's scenario measured in depth, or None when the deep pass asks nothing more of it:
    ``measurement`` (its measured call, which passed) and, calling ``call`` (the test's body,
    its fixtures still set up) again in this process, as a ``bench_*`` function's repeats and
    leak check are made (scenarios.py): the further measured calls, one counting objects by
    type (its counts are the scenario's), one under the peak hooks, then the leak check. A call
    that raises ends what it was for (noted as unmeasured); what was measured before stands.
    ``copy``: what ``first_call_copy`` gave before the measured call; the sites at the peak are
    those of that call, made again in the copy (see ``FirstCallCopy``)."""
    depth = _state.depth
    if not measurement.traced or not depth.wanted(nodeid):
        close_copy(copy)
        return None
    with FurtherCalls():
        return _measured_deeper(nodeid, call, measurement, copy, depth)


class FurtherCalls:
    """While a deep pass calls a test again (its repeats, the count, the leak check, the hooked
    call in a copy): the Python processes the test starts are not measured. What they are is
    measured once, in the measured call (a process scenario's further measurements are further
    runs of the command); measured at every call, they would be one scenario whose sizes add up
    over the calls. Set and unset between the calls, while nothing is traced."""

    def __enter__(self):
        os.environ[FURTHER_CALL] = FURTHER_CALL_VALUE
        return self

    def __exit__(self, *exc):
        os.environ.pop(FURTHER_CALL, None)
        return False


def _measured_deeper(nodeid, call, measurement, copy, depth):
    from . import scenarios

    frames = _state.frames
    scenario = scenarios.Scenario(nodeid, "test")
    scenario.repeats.append(measurement)
    notes = scenarios.Run()
    for number in range(2, depth.repeats + 1):
        traced = TestMeasurement(frames)
        raised = _called(call)
        repeat = traced.finish()
        if raised is not None or not repeat.traced:
            why = _why_stopped(number, raised, repeat)
            notes.unmeasured.append({"what": "repeats %d to %d" % (number, depth.repeats),
                                     "why": why})
            break
        scenario.repeats.append(repeat)
    if depth.counts(nodeid):
        why = _count_types(call, measurement, scenario.repeats)
        if why is not None:
            notes.unmeasured.append({"what": "objects by type", "why": why})
    options = scenarios.Options(frames=frames)
    if depth.peak_reference(nodeid) is not None:
        scenario.peak = _peak_of_first_call(nodeid, call, measurement, copy, options, notes)
    else:
        close_copy(copy)
    if depth.iterations > 0:
        probe = scenarios.Scenario(nodeid, "test")
        scenarios._leak_check(probe, call, depth.iterations, options, notes)
        _raise_interrupt(probe.error)
        scenario.leak_series = probe.leak_series
    for note in notes.unmeasured:
        _state.unmeasured.append({"what": note["what"], "why": note["why"], "scenario": nodeid})
    return scenario


def _count_types(call, measurement, repeats):
    """Objects by type before and after a further call of the test, set on ``measurement``;
    None, or why they were not counted. The call is made in a copy of this process forked now,
    where one can be: the tests (this one's leak check, the tests after it) then find the
    program as they would had it not been counted (a call more of a test that keeps what it
    makes, the collector thawed by the count), whichever tests are counted."""
    from . import capture

    def count():
        counted = capture.measure(call, _state.frames, count_types=True, ignore=(repeats,))
        if counted.error is not None or not counted.traced:
            return _why_stopped(None, counted.error, counted), None, None
        return None, counted.types_before, counted.types_after

    if hasattr(os, "fork") and _thread_count() <= 1:
        seconds = _copy_seconds(measurement.duration_seconds or 0.0)
        made = _in_copy(count, seconds)
        if made is None:
            return (
                "the test's body, called again to count objects by type in a copy of the"
                " process, ended it without a result (it crashed, or took longer than %d s)"
                % seconds
            )
    else:
        counted = capture.measure(call, _state.frames, count_types=True, ignore=(repeats,))
        _raise_interrupt(counted.error)
        if counted.error is not None or not counted.traced:
            return _why_stopped(None, counted.error, counted)
        made = None, counted.types_before, counted.types_after
    why, measurement.types_before, measurement.types_after = made
    return why


# --- the sites at the peak of a test's first call -----------------------------------------

# What a deep pass says of a test whose sites at the peak it could not find (as scenarios.py).
PEAK_SITES = "sites at the peak"
# What it says when they come from a later call of the test than the first, which it measured.
PEAK_OF_FIRST_CALL = "sites at the peak of the test's first call"
# A hooked call in a copy may take this many seconds, plus this many times the measured call's.
COPY_SECONDS = 60
COPY_SLOWDOWN = 100
# The copy's first hooked call has the hooks on near the peak only (see peak.py) when the
# measured call took this many seconds or more: a shorter call's climb to its peak mostly
# passes between two looks (the profiling timer fires at the kernel's tick, every few ms of CPU
# time), so it would be made again with the hooks on throughout, which cost it little.
GATED_SECONDS = 0.1
# Set while this process forks a copy of itself for a test's first call (see FirstCallCopy):
# the copy is not one of the program's forked processes, and measures on its own.
_forking_copy = False


def first_call_copy(nodeid, call):
    """Just before a test's measured first call, when the deep pass wants its sites at the peak:
    a ``FirstCallCopy`` (a copy of this process, forked now, that waits), or, where no copy can
    be made safely, a sentence saying why (the sites then come from a later call of the test,
    in this process). None when they are not wanted."""
    if not measuring() or _state.tests is None or _state.depth.peak_reference(nodeid) is None:
        return None
    if not hasattr(os, "fork"):
        return "this platform cannot fork a copy of the process"
    threads = _thread_count()
    if threads > 1:
        return "the process runs %d threads, and a copy forked from it could hang" % threads
    return FirstCallCopy(call)


def close_copy(copy):
    """Ends the copy ``first_call_copy`` made (its call is not wanted); any other value: nothing."""
    if isinstance(copy, FirstCallCopy):
        copy.close()


def _thread_count():
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        threading = sys.modules.get("threading")
        return threading.active_count() if threading is not None else 1


class FirstCallCopy:
    """A copy of this process, forked just before a test's measured first call, that waits
    until that call was measured (``find``), then calls the test under the peak hooks (peak.py)
    aiming at the peak the measured call reached: the same call, from the same state (modules
    not imported yet, caches still empty), so the sites it finds are those of the peak the
    report shows, not those of a later call that found everything in place. Each hooked call
    is made in a copy of its own, forked from the waiting one: the first with the hooks on near
    the peak only, and those made again when it missed it (the hooks on throughout, then aiming
    at the highest level seen: a peak inside one C call) start from that state too. Files are
    as the measured call left them, as for the test's further calls."""

    def __init__(self, call):
        go_read, go_write = os.pipe()
        found_read, found_write = os.pipe()
        pid = _fork_copy()
        if pid == 0:
            os.close(go_write)
            os.close(found_read)
            _serve_copy(go_read, found_write, call)  # never returns
        os.close(go_read)
        os.close(found_write)
        self.pid = pid
        self._go = go_write
        self._found = found_read

    def find(self, reference, seconds):
        """``(peak, why)``: a ``capture.Measurement`` of the sites at the peak of the first call
        (``reference``: its peak; ``seconds``: its duration), or None and why there is none."""
        data = None
        try:
            _write_all(self._go, ("%d %r" % (reference, seconds)).encode("ascii"))
            os.close(self._go)
            self._go = None
            data = _read_all(self._found, time.monotonic() + 3 * _copy_seconds(seconds))
        except OSError:
            pass
        finally:
            self.close(kill=data is None)
        if data is None:
            return None, "the copy of the process that calls the test under the peak hooks" \
                " ended without a result (it crashed, or took longer than %d s)" % (
                    3 * _copy_seconds(seconds))
        import marshal

        found, why = marshal.loads(data)
        if found is None:
            return None, why
        from . import capture

        peak = capture.Measurement()
        peak.peak_sites, peak.peak_level, peak.peak_bytes, peak.peak_seen = found
        return peak, None

    def close(self, kill=False):
        for name in ("_go", "_found"):
            fd = getattr(self, name)
            if fd is not None:
                setattr(self, name, None)
                os.close(fd)
        if self.pid:
            _end_copy(self.pid, kill)
            self.pid = 0


def _copy_seconds(seconds):
    return COPY_SECONDS + COPY_SLOWDOWN * max(0.0, seconds)


def _fork_copy():
    global _forking_copy
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    _forking_copy = True
    try:
        pid = os.fork()
    finally:
        _forking_copy = False
    if pid == 0 and _state is not None:
        # A copy writes no result, and what it forks is none of the program's processes.
        _state.forked = True
    return pid


def _end_copy(pid, kill):
    try:
        if kill:
            import _signal

            os.kill(pid, _signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:  # a test that waited for every child may have reaped it
        pass


def _serve_copy(go, found, call):
    """In the waiting copy: once asked, the hooked calls, what they found written to ``found``."""
    status = 1
    try:
        asked = _read_all(go, None)
        if asked:
            reference, seconds = asked.split()
            import marshal

            with FurtherCalls():
                result = _hooked_calls(call, int(reference), float(seconds))
            _write_all(found, marshal.dumps(result))
        status = 0
    finally:
        os._exit(status)


def _hooked_calls(call, reference, seconds):
    """``(found, why)``: ``(sites, level, peak, highest level seen)`` at the peak of the call
    (made as a measured call is, each in a copy of its own), or None and why not.

    The first call has the hooks on only near ``reference`` (see peak.py), when the measured
    call took ``GATED_SECONDS`` or more and the program leaves the profiling timer's signal
    alone: about a plain call, plus the last tenth under the hooks. When they were off at the
    peak, or it left no snapshot, the call is made again, in a copy from the same state, with
    the hooks on throughout; and once more, aiming at the highest level that one saw, when it
    never came near the peak (a peak inside one C call)."""
    from . import peak

    best = None
    aimed = reference or None
    everywhere = aimed is None or seconds < GATED_SECONDS or not peak.ticks_free()
    for _ in range(3):
        made = _in_copy(lambda: _hooked_call(call, aimed, everywhere), _copy_seconds(seconds))
        if made is None:
            return None, (
                "the test's body, called again under the peak hooks in a copy of the process,"
                " ended it without a result (it crashed, or took longer than %d s)"
                % _copy_seconds(seconds)
            )
        why, sites, level, reached, seen, missed = made
        if why is not None:
            return None, why
        if not everywhere:
            if sites is not None and not missed:
                best = (sites, level, reached, seen)
                break
            everywhere = True
            continue
        if best is None or level > best[1]:
            best = (sites, level, reached, seen)
        if sites is not None or not seen:
            break
        aimed = seen
    if best[0] is None:
        return None, (
            "the peak hooks never saw the traced memory near its peak (highest level seen: %d"
            " bytes of %d)" % (best[3], best[2])
        )
    return best, None


def _hooked_call(call, reference, everywhere):
    """In a copy: the test's body under the peak hooks, aiming at ``reference`` (on throughout
    if ``everywhere``, else near it only), as a measured call is made (capture.measure):
    ``(why not, sites, level, peak, highest level seen, whether the hooks were off at the
    peak)``."""
    from . import capture

    measured = capture.measure(
        call, _state.frames, watch_peak=True, peak_reference=reference,
        peak_everywhere=everywhere
    )
    if not measured.traced or measured.error is not None:
        return (_why_stopped(None, measured.error, measured), None, 0, 0, 0, False)
    return (None, measured.peak_sites, measured.peak_level, measured.peak_bytes,
            measured.peak_seen, measured.peak_hooks_missed)


def _in_copy(work, seconds):
    """What ``work()`` returns, made in a copy of this process forked now (marshal carries it
    back); None when the copy ended without it, or did not within ``seconds`` (None: no limit)."""
    import marshal

    read, write = os.pipe()
    pid = _fork_copy()
    if pid == 0:
        status = 1
        try:
            os.close(read)
            _write_all(write, marshal.dumps(work()))
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    data = None
    try:
        data = _read_all(read, None if seconds is None else time.monotonic() + seconds)
    finally:
        os.close(read)
        _end_copy(pid, data is None)
    return marshal.loads(data) if data else None


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_all(fd, deadline):
    """Everything read from ``fd`` until its end; None at ``deadline`` (time.monotonic()) first."""
    import select

    chunks = []
    while True:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _peak_of_first_call(nodeid, call, measurement, copy, options, notes):
    """The ``capture.Measurement`` whose sites at the peak the scenario shows, or None (noted
    why): those of its measured first call, made again in ``copy`` (see ``FirstCallCopy``);
    without a copy, those of a later call, in this process (noted: its peak may not be the
    first call's)."""
    reference = measurement.peak_bytes or None
    if isinstance(copy, FirstCallCopy):
        peak, why = copy.find(measurement.peak_bytes, measurement.duration_seconds)
        if peak is None:
            notes.unmeasured.append({"what": PEAK_SITES, "why": why})
        return peak
    from . import scenarios

    probe = scenarios.Scenario(nodeid, "test")
    scenarios._hooked_first_call(probe, call, options, notes, reference)
    _raise_interrupt(probe.error)
    if probe.error is not None:
        notes.unmeasured.append({"what": PEAK_SITES, "why": _why_stopped(None, probe.error, None)})
        return None
    if probe.peak is not None and copy is not None:
        notes.unmeasured.append({
            "what": PEAK_OF_FIRST_CALL,
            "why": "%s: the sites at the peak come from a later call of the test, whose peak may"
            " not be the first call's" % copy,
        })
    return probe.peak


def _called(call):
    """What calling ``call`` raised (a KeyboardInterrupt is raised again), or None."""
    try:
        call()
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: B902 - pytest's outcomes (skip, fail) included
        return error
    return None


def _raise_interrupt(error):
    if isinstance(error, KeyboardInterrupt):
        raise error


def _why_stopped(number, raised, measurement):
    call = "call %d of the test's body" % number if number else "the test's body, called again,"
    if raised is not None:
        return "%s raised %s: %s" % (call, type(raised).__name__, raised)
    return "%s %s" % (call, measurement.lost_tracing)


def record_test(nodeid, measurement, error, budget_markers=(), deeper=None):
    """Add one test's scenario (``error``: the exception of a failed call, or None;
    ``budget_markers``: its budget markers as the snapshot holds them; ``deeper``: its
    scenario measured in depth, from ``measure_deeper``)."""
    from . import scenarios

    if deeper is not None and error is None:
        scenario = deeper
    else:
        scenario = scenarios.Scenario(nodeid, "test")
        scenario.error = error
        if measurement.traced:
            scenario.repeats.append(measurement)
        else:
            scenario.lost_tracing = measurement.lost_tracing
            _state.unmeasured.append(
                {
                    "what": "peak and retained memory",
                    "why": "the test %s" % measurement.lost_tracing,
                    "scenario": nodeid,
                }
            )
    scenario.budget_markers = list(budget_markers)
    _state.tests.append(scenario)
    _note_progress()


def _note_progress():
    """In a deep pass, one byte more in ``<token>.progress`` for each test recorded: allocdiff
    reads the size now and then to tell how far the pass has got. Written between tests,
    untraced, with no object kept; a write that fails costs only the count."""
    depth = _state.depth
    if depth.tests is None and depth.repeats < 2 and depth.iterations == 0:
        return
    try:
        path = os.path.join(_state.directory, _state.token + ".progress")
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, b".")
        finally:
            os.close(fd)
    except OSError:
        pass
