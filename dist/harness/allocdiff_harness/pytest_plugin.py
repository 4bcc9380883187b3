"""pytest plugin of command mode: each test is a scenario, named by its node id.

PYTEST_DONT_REWRITE (pytest need not rewrite this module's asserts: it has none).

Loaded through ``PYTEST_PLUGINS`` by the injected ``sitecustomize`` (the project's pytest
configuration is left alone), or by hand with ``pytest -p allocdiff_harness.pytest_plugin``
(the harness's folder on ``PYTHONPATH``): outside an allocdiff run it measures nothing and
only registers the budget markers, so a suite run with ``--strict-markers`` accepts them.

Only the call phase of a test is measured: tracing starts just before the test function runs
(fixtures are set up) and stops after it returned, so

- **retained** = what the call allocated and still holds afterwards (module globals, caches,
  fixtures it grew), after ``gc.collect()`` (of what is younger than the call: everything alive
  when it started is frozen, see collection.py);
- **peak** = the most the call's own allocations held at once, above the level before it.

A test that fails is a failed scenario with its error; one skipped (or an expected failure)
is not a scenario. Collection, fixtures and pytest itself are not measured.

In allocdiff's deep pass (see ``command.Depth``) only the tests it names run: the others are
deselected, and test files that hold none of them are not even collected. When allocdiff gives
the process a session folder (``ALLOCDIFF_SESSION_DIR``), pytest starts and collects once: the
first run and each later pass run in children forked from it (``serve_passes``), each of which
ends once its results are written, without the rest of pytest's finish (``EndAtFinish``). A test that passed
is then called again, in this process and with the same fixtures, for its further measured
calls, object counts, sites at the peak and leak check. On head, a test whose retained memory
grew also finds, right after its measured call and before its fixtures are torn down, what keeps
the objects of the grown sites alive, its fixtures' values among the roots
(``command.retention_walk``).

Budget markers (``allocdiff``, and pytest-memray's ``limit_memory`` and ``limit_leaks``) are
recorded as written, per test, in the scenario's ``budgetMarkers``; allocdiff parses and
judges them with its budget syntax, so there is one syntax and one place that reads it.
"""

import builtins
import logging
import os
import sys
import warnings

import pytest

from . import command, selection, shard

# The markers a test may carry a budget with: how ``pytest --markers`` describes each.
BUDGET_MARKERS = {
    "allocdiff": "allocdiff(peak=..., retained=..., site=..., leak=..., count=...): memory"
    ' budgets of this test in allocdiff\'s budget syntax, e.g. retained="+10KB", peak="64MB"',
    "limit_memory": "limit_memory(memory_limit): pytest-memray's ceiling on the test's peak"
    ' memory, e.g. "24 MB"; allocdiff checks it as a peak ceiling',
    "limit_leaks": "limit_leaks(location_limit): pytest-memray's ceiling on what any one place"
    ' leaks, e.g. "1 MB"; allocdiff checks it as a site ceiling',
}
# An integer JSON (and JavaScript) holds exactly.
EXACT_INTEGER = 2**53

_pending = {}
# The reads pass (selection.py): what each test reads, recorded untraced.
_recorder = None


def pytest_configure(config):
    global _recorder
    for description in BUDGET_MARKERS.values():
        config.addinivalue_line("markers", description)
    if command.measuring():
        command.take_over_for_tests()
    elif command.reads_recorder() is not None:
        _recorder = command.reads_recorder()
        _recorder.pytest = True
    if (command.measuring() and command.given(os.environ, SESSION_DIR)) or _reads_of_pytest_alone():
        config.pluginmanager.register(EndAtFinish(), EndAtFinish.NAME)


def pytest_collectstart(collector):
    if _recorder is not None and isinstance(collector, pytest.Module):
        _recorder.start_module(collector.nodeid)


def pytest_collectreport(report):
    if _recorder is not None and report.nodeid in _recorder.modules:
        collected = _collected_modules.pop(report.nodeid, None)
        _recorder.end_module(report.nodeid, collected)


_collected_modules = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    yield
    if _recorder is not None and isinstance(collector, pytest.Module):
        # The imported test module, whose globals say which modules it uses.
        _collected_modules[collector.nodeid] = getattr(collector, "_obj", None)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    if _recorder is None:
        yield
        return
    _recorder.start_test(item.nodeid)
    yield
    module = item.getparent(pytest.Module)
    _recorder.end_test(
        item.nodeid, module.nodeid if module is not None else None, item.nodeid in _failed
    )


_failed = set()


def _note_failure(report):
    if _recorder is not None and report.failed:
        _failed.add(report.nodeid)


def marker_value(value):
    """A marker argument as the snapshot holds it: text, numbers, booleans and None as they
    are; anything else as its type and ``repr``, for the message that refuses it."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, int) and -EXACT_INTEGER < value < EXACT_INTEGER:
        return value
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return value
    try:
        shown = repr(value)[:200]
    except Exception:  # noqa: BLE001 - a repr that fails must not fail the test run
        shown = "<%s object>" % type(value).__name__
    return {"type": type(value).__name__, "repr": shown}


def budget_markers(item):
    """The budget markers on a test (its own first, then its class's and module's), with
    their arguments as written."""
    found = []
    for marker in item.iter_markers():
        if marker.name in BUDGET_MARKERS:
            found.append(
                {
                    "name": marker.name,
                    "args": [marker_value(value) for value in marker.args],
                    "kwargs": [[key, marker_value(value)] for key, value in marker.kwargs.items()],
                }
            )
    return found


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests deselected, as ``-k`` would: those of other shards (a suite split across runners,
    ``shard: K/N``), in a deep pass those it does not measure again, and those that read
    nothing the pull request changes (``ALLOCDIFF_SKIP_TESTS``, see selection.py)."""
    part = shard.from_environment(os.environ) if command.measuring() else None
    selected = command.selected_tests()
    skipped = selection.skipped_tests() if command.measuring() else None
    files = _skipped_files()
    if part is None and selected is None and not skipped and not files:
        return

    def keeps(item):
        return (
            (part is None or shard.keeps(part, item.nodeid))
            and (selected is None or item.nodeid in selected)
            and (not skipped or item.nodeid not in skipped)
            and (not files or _repository_path(item.path) not in files)
        )

    kept = [item for item in items if keeps(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not keeps(item)])
        items[:] = kept


def _selected_files(config):
    """The files (relative to pytest's root, ``/``-separated) of the tests a deep pass runs."""
    files = getattr(config, "_allocdiff_files", None)
    if files is None:
        files = config._allocdiff_files = {
            nodeid.split("::", 1)[0] for nodeid in command.selected_tests() or ()
        }
    return files


_skipped = []


def _skipped_files():
    """The test files ruled out before anything ran (``ALLOCDIFF_SKIP_FILES``), read once."""
    if not _skipped:
        _skipped.append(selection.skipped_files())
    return _skipped[0]


def _repository_path(path):
    """``path`` relative to the repository's root (``ALLOCDIFF_ROOT``), ``/``-separated."""
    root = os.path.realpath(os.environ.get("ALLOCDIFF_ROOT", os.curdir))
    return os.path.relpath(os.path.realpath(str(path)), root).replace(os.sep, "/")


if getattr(pytest, "version_tuple", (0,)) >= (7,):  # collection_path: pytest 7 and later

    @pytest.hookimpl(tryfirst=True)
    def pytest_ignore_collect(collection_path, config):
        """A deep pass does not collect a test file that holds none of its tests; no pass
        collects a test file ruled out before anything ran. First: a conftest.py's own
        answer (``False``, which ends the hook) must not keep it."""
        if collection_path.suffix != ".py":
            return None
        if collection_path.name in ("__init__.py", "conftest.py"):
            return None
        files = _skipped_files()
        if files and _repository_path(collection_path) in files:
            return True
        if command.selected_tests() is None:
            return None
        try:
            relative = collection_path.relative_to(config.rootpath).as_posix()
        except ValueError:
            return None
        return True if relative not in _selected_files(config) else None


# The session's passes (see ``serve_passes``): the folder of the handshake with allocdiff.
SESSION_DIR = "ALLOCDIFF_SESSION_DIR"
# Seconds the session waits at most for its next pass (allocdiff's deadline for the side).
SESSION_WAIT = "ALLOCDIFF_SESSION_WAIT"
# ``wait``: the session was started ahead (while base's reads are recorded): its first pass too
# waits to be asked for (``pass-1.json``), with the tests it deselects.
SESSION_FIRST = "ALLOCDIFF_SESSION_FIRST"
_served = []


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session):
    """With ``ALLOCDIFF_SESSION_DIR``, this pytest process collects once and runs each of
    allocdiff's passes (the first run, then the deep pass) in a child forked from it once its
    tests are collected: each pass starts from the state collection left, as a pytest started
    anew would, without paying pytest's start and collection again (see ``serve_passes``).
    Not with pytest-xdist (its workers run the tests), nor for a pytest that a test started,
    nor where ``os.fork`` is missing: then the process runs its tests once, as it would."""
    if not _serves(session):
        # A session started ahead of its first pass that cannot serve runs no test: allocdiff
        # runs that pass as usual (pytest-xdist's workers are left to their controller).
        waiting = command.given(os.environ, SESSION_FIRST) == "wait" and command.given(
            os.environ, SESSION_DIR
        )
        if waiting and getattr(session.config, "workerinput", None) is None and not _served:
            _served.append(False)
            _write(os.environ[SESSION_DIR], "cannot-serve", "")
            return True
        return None
    return serve_passes(session)


def _serves(session):
    config = session.config
    return bool(
        command.given(os.environ, SESSION_DIR)
        and command.measuring()
        and not _served
        and hasattr(os, "fork")
        and not command.started_by_test(os.environ.get("PYTEST_CURRENT_TEST"))
        and getattr(config, "workerinput", None) is None
        and not config.pluginmanager.has_plugin("dsession")
        and not session.testsfailed
        and not config.option.collectonly
    )


def serve_passes(session):
    """Runs pass 1 (with the variables of ``pass-1.json`` when allocdiff wrote it before the
    start, else this process's own environment; or, started ahead with
    ``ALLOCDIFF_SESSION_FIRST=wait``, once asked for), then each pass allocdiff asks for, in
    a forked child each; returns in the child (which runs the collected tests, as this
    process would have), never in this one, which exits with pass 1's status once allocdiff
    says ``stop``, or when no further pass is asked for within ``ALLOCDIFF_SESSION_WAIT``
    seconds, or when the process that started it is gone.

    The handshake, in ``ALLOCDIFF_SESSION_DIR``: ``serving`` (this process's pid) when it
    starts; ``pass-<n>.done`` (the child's exit status) when pass ``n`` ended; allocdiff then
    writes ``pass-<n+1>.json``, renamed into place: ``{"stop": true}``, or ``{"environ": {...}}``
    (the pass's ``ALLOCDIFF_*`` variables: the folder its results go to, the tests it runs,
    ...)."""
    import json
    import time

    _served.append(True)
    directory = os.environ[SESSION_DIR]
    wait = float(command.given(os.environ, SESSION_WAIT) or 6 * 3600)
    parent = os.getppid()
    command.serving()
    _write(directory, "serving", str(os.getpid()))
    first_status = None
    number = 1
    ahead = command.given(os.environ, SESSION_FIRST) == "wait"
    while True:
        path = os.path.join(directory, "pass-%d.json" % number)
        if number > 1 or ahead:
            give_up = time.monotonic() + wait
            while not os.path.exists(path):
                if os.getppid() != parent or not os.path.isdir(directory):
                    _leave(first_status, "the process that started it is gone")
                if time.monotonic() > give_up:
                    _leave(first_status, "no further pass was asked for within %d s" % wait)
                time.sleep(0.02)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as file:
                request = json.load(file)
            if request.get("stop"):
                _leave(first_status if first_status is not None else 0)
        else:
            request = {"environ": {}}
        pid = command.fork_pass(request["environ"])
        if pid == 0:
            _run_pass(session)
            return None
        status = _exit_status(os.waitpid(pid, 0)[1])
        if first_status is None:
            first_status = status
        _write(directory, "pass-%d.done" % number, str(status))
        number += 1


def _run_pass(session):
    """In a pass's child: the tests it names (``ALLOCDIFF_TESTS``), the others and those it
    skips (``ALLOCDIFF_SKIP_TESTS``, a session started ahead) deselected;
    pytest's report times the pass, not the wait before it."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    started = getattr(reporter, "_session_start", None)
    if started is not None and hasattr(started, "elapsed"):  # pytest 8.4 and later
        reporter._session_start = type(started)()
    elif isinstance(getattr(reporter, "_sessionstarttime", None), float):
        import time

        reporter._sessionstarttime = time.time()
    selected = command.selected_tests()
    skipped = selection.skipped_tests()
    if selected is None and not skipped:
        return

    def keeps(item):
        return (selected is None or item.nodeid in selected) and (
            not skipped or item.nodeid not in skipped
        )

    kept = [item for item in session.items if keeps(item)]
    if len(kept) < len(session.items):
        dropped = [item for item in session.items if not keeps(item)]
        session.config.hook.pytest_deselected(items=dropped)
        session.items[:] = kept
        session.testscollected = len(kept)


def _exit_status(status):
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else 1


def _leave(status, why=None):
    """Ends the serving process: its passes wrote what they measured and pytest's report."""
    import sys

    if why is not None:
        sys.stderr.write("allocdiff: the pytest session ends: %s\n" % why)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(status if status is not None else 1)


def _write(directory, name, text):
    """``name`` in ``directory``, written whole (renamed into place)."""
    path = os.path.join(directory, name)
    with open(path + ".partial", "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(path + ".partial", path)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if _session_status(exitstatus) != exitstatus:
        session.exitstatus = _session_status(exitstatus)
    # A pytest-xdist worker's reads are written before it tells its controller it has finished
    # (xdist does in a hook wrapper, after this): the controller may end, and the worker be
    # killed with it, before the worker's exit handlers run.
    if _recorder is not None and getattr(session.config, "workerinput", None) is not None:
        command.write_reads_now()


def _session_status(exitstatus):
    """The exit status of a session that ended with ``exitstatus``: a deep pass whose tests are
    all deselected (it re-runs the processes only) ran no test: that is what it asked for, not
    pytest's "no tests collected"; nor one whose test files were all ruled out before anything
    ran."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        if command.selected_tests() is not None or _skipped_files():
            return pytest.ExitCode.OK
    return exitstatus


# allocdiff's reads pass of a command that is pytest alone (``1``): its pytest process may end
# as soon as what its tests read is written (see ``EndAtFinish``).
PYTEST_ALONE = "ALLOCDIFF_PYTEST_ALONE"


def _reads_of_pytest_alone():
    """The reads pass, in the pytest process that the command is (not one a test started)."""
    return (
        command.reads_recorder() is not None
        and command.given(os.environ, PYTEST_ALONE) == "1"
        and not command.started_by_test(os.environ.get("PYTEST_CURRENT_TEST"))
    )


class EndAtFinish:
    """Ends a pass of allocdiff's pytest session (a child forked from it, see ``serve_passes``)
    and the reads pass of a command that is pytest alone as soon as their tests have run:
    nothing of pytest's finish after that reaches allocdiff, which reads what the process wrote
    (what it measured, or what its tests read) and, from its output, the report of the tests
    that failed. So, first of every ``pytest_sessionfinish`` hook: pytest's own end of session
    report (``terminal_summary``), the exit handlers (which write the results), and the exit
    with pytest's status (``command.end_now``), without the other plugins' and the project's
    session finish and terminal summaries (a cache, a JUnit file, a coverage report), pytest's
    unconfigure, or freeing the interpreter's heap.

    Only after a run pytest ended normally (tests passed, failed, or none ran); an interrupted
    or failing session (a ``KeyboardInterrupt``, an internal error) finishes as pytest does.
    Not with pytest-xdist (its controller waits on the workers' finish)."""

    NAME = "allocdiff-end-at-finish"
    STATUSES = (
        pytest.ExitCode.OK,
        pytest.ExitCode.TESTS_FAILED,
        pytest.ExitCode.NO_TESTS_COLLECTED,
    )

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_sessionfinish(self, session, exitstatus):
        if self.ends(session, exitstatus):
            try:
                terminal_summary(session, exitstatus)
            except Exception as error:  # noqa: BLE001 - the results are written all the same
                sys.stderr.write("allocdiff: pytest's summary could not be shown: %r\n" % (error,))
            command.end_now(int(_session_status(exitstatus)))
        yield

    @staticmethod
    def ends(session, exitstatus):
        config = session.config
        if exitstatus not in EndAtFinish.STATUSES:
            return False
        if getattr(config, "workerinput", None) is not None:
            return False
        if config.pluginmanager.has_plugin("dsession"):
            return False
        return command.in_session_pass() or _recorder is not None


def terminal_summary(session, exitstatus):
    """What pytest's terminal reporter shows when a session ends (its own part only, none of
    the other plugins' ``pytest_terminal_summary``): the errors and failures with their
    tracebacks and ``E`` lines, the warnings, the short summary of what failed, why it stopped
    early (``-x``, ``--maxfail``), and the line that counts the outcomes."""
    config = session.config
    manager = config.pluginmanager
    reporter = manager.get_plugin("terminalreporter")
    if reporter is None:
        return
    writer = getattr(reporter, "_tw", None)
    if writer is not None:
        writer.line("")
    if not getattr(reporter, "no_summary", False):
        others = [plugin for plugin in manager.get_plugins() if plugin is not reporter]
        summary = manager.subset_hook_caller("pytest_terminal_summary", others)
        summary(terminalreporter=reporter, exitstatus=exitstatus, config=config)
    if session.shouldfail:
        reporter.write_sep("!", str(session.shouldfail), red=True)
    elif session.shouldstop:
        reporter.write_sep("!", str(session.shouldstop), red=True)
    reporter.summary_stats()
    if writer is not None:
        writer.flush()


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item):
    if not command.measuring():
        yield
        return
    markers = budget_markers(item)
    doctest_globals = _doctest_start(item)
    call = item.runtest
    if doctest_globals is not None:
        call = _doctest_call(item, doctest_globals)
    call = _without_records(item, call)
    # The sites at the peak of this very call: a copy of the process, forked before it, calls
    # the test under the peak hooks once it was measured (see command.FirstCallCopy).
    copy = command.first_call_copy(item.nodeid, call)
    traced = command.TestMeasurement(command.frames())
    outcome = yield
    if doctest_globals is not None:
        _forget_last_value()
    # With its objects alive (its fixtures not torn down yet): the deep pass may ask what keeps
    # them alive, from the test's fixtures among the roots.
    measurement = traced.finish(
        item.nodeid,
        lambda: command.fixture_values(
            getattr(item, "funcargs", None), getattr(item, "_fixtureinfo", None)
        ),
    )
    excinfo = outcome.excinfo
    error = excinfo[1] if excinfo else None
    deeper = None
    if error is None:
        deeper = command.measure_deeper(item.nodeid, call, measurement, copy)
    else:
        command.close_copy(copy)
    _pending[item.nodeid] = (measurement, error, markers, deeper)


# The hooks through which a test's call hands pytest a report (a subtest's) or its failure.
_REPORT_HOOKS = frozenset(("pytest_runtest_logreport", "pytest_exception_interact"))


def _without_records(item, call):
    """``call`` (the test's body, called again for the deep pass's further calls) made to leave
    none of pytest's records of a call behind: in a real run the test runs once, so what pytest
    keeps of each further call is not the test's memory (the first, measured call is left as is):

    - the reports it hands pytest (a ``unittest`` subTest's, the ``subtests`` fixture's) reach
      no plugin: the terminal's statistics, junitxml or pytest-xdist's controller would keep one
      per subtest per call, and count it in the run's result. A subtest that failed makes the
      call raise (it is then not measured, as a call that raised), and pytest's count of the
      test's failed subtests is left as it was;
    - the warnings pytest records for the test, the output it captures in memory (``capsys``)
      and what its log capture keeps (``caplog``'s records, the report's captured log) are cut
      back to what they held before the call."""
    manager = item.config.pluginmanager
    runner = getattr(manager, "_inner_hookexec", None)  # pluggy's, which its monitoring wraps
    failed = []

    def hookexec(name, methods, kwargs, firstresult):
        if name not in _REPORT_HOOKS:
            return runner(name, methods, kwargs, firstresult)
        report = kwargs.get("report")
        if getattr(report, "failed", False) and not hasattr(report, "wasxfail"):
            failed.append(report)
        return None if firstresult else []

    def without_records():
        kept = _kept_records()
        counts = _failed_subtests(item.config)
        count = counts.get(item.nodeid) if counts is not None else None
        if runner is not None:
            manager._inner_hookexec = hookexec
        try:
            call()
        finally:
            if runner is not None:
                manager._inner_hookexec = runner
            _cut_back(kept)
            if counts is not None and counts.get(item.nodeid) != count:
                if count is None:
                    counts.pop(item.nodeid, None)
                else:
                    counts[item.nodeid] = count
        if failed:
            report = failed[0]
            del failed[:]
            lines = (getattr(report, "longreprtext", "") or "").strip().splitlines()
            raise AssertionError("a subtest failed: %s" % (lines[-1] if lines else "failed"))

    return without_records


def _kept_records():
    """Where pytest keeps the records of the running test, each with its size now: the list
    of the warnings recorded (the innermost ``catch_warnings(record=True)``: pytest's, or the
    ``recwarn`` fixture's), the output it captures in memory, and the records and text of
    pytest's log capture handlers."""
    kept = []
    show = getattr(warnings, "_showwarnmsg_impl", None)
    log = getattr(show, "__self__", None)
    if isinstance(log, list) and getattr(show, "__name__", None) == "append":
        kept.append((log, len(log)))
    # Output captured in memory (``capsys``, ``--capture=sys``): the text the test printed.
    memory = getattr(sys.modules.get("_pytest.capture"), "CaptureIO", None)
    if memory is not None:
        for stream in (sys.stdout, sys.stderr):
            buffer = getattr(stream, "buffer", None) if isinstance(stream, memory) else None
            if hasattr(buffer, "truncate"):
                stream.flush()
                kept.append((buffer, buffer.tell()))
    capture = getattr(sys.modules.get("_pytest.logging"), "LogCaptureHandler", None)
    if capture is not None:
        for handler in logging.getLogger().handlers:
            if isinstance(handler, capture):
                kept.append((handler.records, len(handler.records)))
                stream = getattr(handler, "stream", None)
                if hasattr(stream, "truncate"):
                    kept.append((stream, stream.tell()))
    return kept


def _cut_back(kept):
    for record, size in kept:
        if isinstance(record, list):
            del record[size:]
        else:
            # A stream the test emptied (``capsys.readouterr()``) is left at its end: a write
            # past the end would pad it.
            try:
                if record.seek(0, 2) > size:
                    record.seek(size)
                    record.truncate()
            except (OSError, ValueError):  # closed: nothing of it is kept
                pass


def _failed_subtests(config):
    """pytest's count of failed subtests per test (pytest 9's ``subtests``), or None."""
    key = getattr(sys.modules.get("_pytest.subtests"), "failed_subtests_key", None)
    if key is None:
        return None
    try:
        return config.stash.get(key, None)
    except (AttributeError, TypeError):
        return None


def _doctest_start(item):
    """For a doctest, the globals it starts with (None for any other test), once its examples
    are named by where they are written (``_name_examples_by_line``) and ``_`` is cleared."""
    test = getattr(item, "dtest", None)
    doctest = sys.modules.get("doctest")
    if doctest is None or not isinstance(test, doctest.DocTest):
        return None
    _name_examples_by_line(doctest)
    _forget_last_value()
    return dict(test.globs)


def _forget_last_value():
    # pytest's doctest runner (doctest's DebugRunner) clears a doctest's globals after it ran
    # but leaves ``builtins._`` holding the last value an example displayed: doctest's own
    # runner sets it to None. Left there, it is held by no code of the project, and each call
    # of the same doctest would start from what the one before left.
    if getattr(builtins, "_", None) is not None:
        builtins._ = None


def _doctest_call(item, start):
    """The doctest ``item`` called again as its first call was: pytest's runner cleared its
    globals when it finished, so they are set back to what the call started with."""

    def call():
        item.dtest.globs.clear()
        item.dtest.globs.update(start)
        try:
            item.runtest()
        finally:
            _forget_last_value()

    return call


def _name_examples_by_line(doctest):
    """Compile each doctest example under the file and line it is written at.

    doctest compiles the ``n``-th example of a test as ``<doctest NAME[n]>``, line 1: inserting
    an example renames every later one, so a site could not be matched across a change. Here the
    example is compiled under its test's file (``README.rst``, or the module whose docstring
    holds it), its lines moved to where they are written, so ``README.rst:LINE`` is its site.
    """
    if getattr(doctest, "_allocdiff_lines", False):
        return
    doctest._allocdiff_lines = True
    running = []
    run = doctest.DocTestRunner.run

    def run_naming_lines(self, test, *args, **kwargs):
        running.append(test)
        try:
            return run(self, test, *args, **kwargs)
        finally:
            running.pop()

    def compile_at_line(source, filename, mode, flags=0, dont_inherit=False, *rest, **named):
        test = running[-1] if running else None
        if test is not None and isinstance(source, str):
            example = _example_named(test, filename)
            if example is not None and example.source == source:
                # Blank lines before the example put its lines where they are in the file.
                source = "\n" * (test.lineno + example.lineno) + source
                filename = test.filename
        return builtins.compile(source, filename, mode, flags, dont_inherit, *rest, **named)

    doctest.DocTestRunner.run = run_naming_lines
    doctest.compile = compile_at_line


def _example_named(test, filename):
    """The example of ``test`` doctest compiles as ``filename``, or None."""
    if not test.filename or test.lineno is None or not isinstance(filename, str):
        return None
    prefix = "<doctest %s[" % test.name
    if not (filename.startswith(prefix) and filename.endswith("]>")):
        return None
    index = filename[len(prefix):-2]
    if not index.isdigit() or int(index) >= len(test.examples):
        return None
    example = test.examples[int(index)]
    return example if example.lineno is not None else None


def pytest_runtest_logreport(report):
    _note_failure(report)
    if report.when != "call" or report.nodeid not in _pending:
        return
    measurement, error, markers, deeper = _pending.pop(report.nodeid)
    if report.skipped:
        return
    if report.failed and error is None:
        error = AssertionError(report.longreprtext.strip().splitlines()[-1:] or "failed")
    command.record_test(
        report.nodeid,
        measurement,
        error if report.failed else None,
        budget_markers=markers,
        deeper=deeper,
    )
