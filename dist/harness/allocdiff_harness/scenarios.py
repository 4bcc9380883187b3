"""What gets measured: the whole script, or each of its ``bench_*`` functions.

A script whose own module defines top-level ``bench_*`` functions is a set of function
scenarios: its top level is setup (run, not reported), then each function, in definition
order, is called

1. ``repeats`` times, each call between its own before and after snapshot, its return
   value held until the after snapshot (repeat 1 also counts live objects by type and, when
   asked, groups by traceback). Tracing starts just before each call, so retained is what
   the call allocated and still holds, and the setup's memory weighs on no snapshot. With
   ``--same-as``, a function whose first call measures exactly what an earlier run of this
   side did makes no further calls (see sameas.py);
2. with ``--iterations N``, N more times for the leak check: return value dropped, a
   snapshot after every call. A call that raises there ends the leak check only (noted as
   unmeasured): the repeats' figures stand.

Otherwise the whole script is one scenario, measured once (repeats of a whole script are
separate processes, which the TypeScript side runs and merges).

Each function's calls are made in a copy of the process forked once the setup has run (see
``_run_apart``), so each starts from the same state, the setup's: what an earlier function
left (a cache it filled, a module it imported) is not in place for a later one, whose figures
are then those it measures alone, whatever the order. The copy sends its figures back through a
pipe (marshal), and what it read (files, modules: ``process``). Where no copy can be forked
safely (no ``os.fork``, or the setup left other threads running), the functions run one after
the other in the process itself, and each after the first is noted as unmeasured alone.

``--peak-sites`` makes the run a peak pass instead (see peak.py): it finds the sites at the
peak a measuring run reports. A whole script runs under the peak hooks, on only near its peak
(``--peak-everywhere``: throughout, once they missed it). The first call of each function asked
for, the one whose peak a measuring run reports, runs under the hooks, in a copy of its own
forked after the setup as a measuring run's is; where none can be forked, the functions are
called as a measuring run calls them, in the same order and as many times (``repeats`` +
``iterations`` each), so each finds what it would, the others untraced.
"""

import gc
import marshal
import os
import sys
import time
import tracemalloc

from . import capture, collection, command, peak, shard


class Options:
    """How a run measures: each keyword argument given replaces its default below."""

    frames = 1
    repeats = 1
    iterations = 0
    traceback_filter = None
    peak_sites = False
    peak_target = None
    # The peak hooks on throughout the whole script, not only near ``peak_target``'s level
    # (see peak.py): for a run again after they missed it.
    peak_everywhere = False
    # {function name: peak of its first call in a measuring run, or None}: the functions
    # a peak pass hooks; None: every function, with no reference.
    peak_targets = None
    object_types = True
    # Count live objects before a whole script only (not after, no counts reported), as a
    # run with ``object_types`` does: its call then starts as that run's does, so the two
    # measure the same figures (a first run that a counted repeat can prove).
    count_before_only = False
    # A capture.TracebackFilter, or a capture.SiteListFile read after the measurement: the
    # sites whose objects' retention paths are wanted (first measurement of each scenario
    # only); None: none.
    retention_filter = None
    # Count live objects by type around each scenario's first run, untraced: no memory
    # figures, only the counts (a process that pairs with measuring ones).
    untraced = False
    # A sameas.SameAs: an earlier run's figures, which end a function's repeats once its
    # first call measures them exactly; None: every repeat is made.
    same_as = None
    # (index, count) when the suite is split across runners (shard.py): the bench_ functions
    # of other shards are not called. None: every function.
    shard = None

    def __init__(self, **given):
        for name, value in given.items():
            if name.startswith("_") or not hasattr(Options, name):
                raise TypeError("Options() got an unexpected keyword argument %r" % name)
            setattr(self, name, value)


class Scenario:
    # What the run learns about the scenario, in place of these defaults:
    error = None
    error_phase = None  # "setup" | "call" for functions
    peak = None  # capture.Measurement of the hooked call that caught the peak
    # Leak check: [{(filename, lineno): (size, count)}] after each call, relative to
    # before the first; None when not run.
    leak_series = None
    # What the scenario did to tracing (capture.STOPPED or CLEARED) that left it
    # unmeasured; it is then a failed scenario, whose error says so.
    lost_tracing = None
    # Runs (each a process of its own) that measured exactly these figures, when an earlier
    # run's were handed over (--same-as) and repeat 1 matched them: the further repeats were
    # not made. None otherwise.
    identical_runs = None

    def __init__(self, name, kind):
        self.name = name  # the script's path (normalised later) or the function's name
        self.kind = kind  # "script" | "function"
        self.repeats = []  # capture.Measurement per in-process repeat
        # pytest: the test's budget markers, as the snapshot's ``budgetMarkers`` holds them.
        self.budget_markers = []


class Run:
    def __init__(self):
        self.scenarios = []
        self.unmeasured = []
        self.setup_seconds = 0.0
        self.total_seconds = 0.0


def run(script_path, options, process=None):
    """Run the script (and its bench functions) under tracemalloc; tracing is off after.

    ``process``: what the copies that call the functions (see ``_run_apart``) must tell this
    process besides their figures: an object with ``learned()`` (called in a copy once its
    function is measured: marshal-able data) and ``learn(data)`` (called here with it), and
    ``leave()`` (called in a copy before it imports what describes an error); None: nothing."""
    result = Run()
    started = time.perf_counter()
    main = capture.MainModule(script_path)
    capture.prepare_run(script_path)
    if options.object_types or options.count_before_only:
        # The first count makes a little lasting state of its own (in 3.9: a weak
        # reference and a number); made now, untraced, it is charged to no scenario.
        capture.warm_up_object_count()
    capture.check_tracing(options.frames, result.unmeasured)
    # The top level is measured as a whole-script scenario in case it turns out to be one.
    # Diagnostics that cost (hooks, object counts, tracebacks) are spent on it only when
    # its source does not look like a set of bench functions.
    as_script = not _looks_like_functions(script_path)
    if options.untraced:
        top = capture.count_objects(main.run, counting=as_script)
    else:
        top = capture.measure(
            main.run,
            options.frames,
            count_types=as_script and (
                options.object_types or (options.count_before_only and capture.BEFORE_ONLY)
            ),
            traceback_filter=options.traceback_filter if as_script else None,
            watch_peak=options.peak_sites and as_script,
            peak_reference=options.peak_target,
            peak_everywhere=options.peak_everywhere,
            retention_filter=options.retention_filter if as_script else None,
        )
    result.setup_seconds = top.duration_seconds
    try:
        functions = capture.bench_functions(main.globals)
        if not functions:
            scenario = Scenario(script_path, "script")
            scenario.error = top.error
            if top.traced:
                scenario.repeats.append(top)
                if options.peak_sites:
                    if top.peak_hooks_missed:
                        # A run with the hooks on throughout may catch it (the caller's call).
                        _note(result, scenario, HOOKS_MISSED, _hooks_missed(top))
                    if top.peak_sites is None:
                        _note(result, scenario, "sites at the peak", _peak_miss(top, as_script))
                    else:
                        scenario.peak = top
                if options.object_types and top.types_after is None:
                    _note(result, scenario, "objects by type",
                          "the script defines bench_ functions at the start of a line, but not"
                          " as top-level functions of its own")
            else:
                scenario.lost_tracing = top.lost_tracing
                _note(result, scenario, "peak and retained memory",
                      "the script %s" % top.lost_tracing)
            _check_frames(result, scenario, options, top)
            result.scenarios.append(scenario)
        else:
            kept = [(name, f) for name, f in functions if shard.keeps(options.shard, name)]
            _run_functions(kept, top, options, result, process)
    finally:
        main.restore()
        if tracemalloc.is_tracing():  # a failure half-way through a measurement
            tracemalloc.stop()
    result.total_seconds = time.perf_counter() - started
    return result


def _run_functions(functions, top, options, result, process=None):
    if top.error is not None:
        # The setup failed: each function it had defined so far is a failed scenario, so the
        # comparison still lines up by name.
        for name, _ in functions:
            scenario = Scenario(name, "function")
            scenario.error = top.error
            scenario.error_phase = "setup"
            result.scenarios.append(scenario)
        return
    why = _no_copy()
    if why is None:
        _run_apart(functions, options, result, process)
        return
    first = len(result.scenarios)
    _run_in_turn(functions, options, result)
    if options.peak_sites:
        return  # the measuring run's notes say so
    names = []
    for scenario in result.scenarios[first:]:
        if names:
            _note(result, scenario, SHARED,
                  "%s, so the functions ran one after the other in it: %s ran after %s, and"
                  " its figures leave out what they left in place (a cache they filled, a"
                  " module they imported)" % (why, scenario.name, _listed(names)))
        names.append(scenario.name)


# What a function's note says it lacked when the functions ran one after the other in one process.
SHARED = "a start of its own"


def _no_copy():
    """None when each function can be called in a copy of this process; else why not."""
    if not hasattr(os, "fork"):
        return "this platform cannot fork a copy of the process"
    threads = command._thread_count()
    if threads > 1:
        return "the setup left %d threads running, and a copy forked from it could hang" % threads
    return None


def _listed(names):
    if len(names) == 1:
        return names[0]
    return "%s and %s" % (", ".join(names[:-1]), names[-1])


def _run_apart(functions, options, result, process):
    """Each function's calls, made in a copy of this process forked now, from the state the
    setup left: what the copy measured comes back through a pipe. What comes back is kept as it
    came (one bytes object per function) until every function has run, so that each copy
    starts from the same state, whatever ran before it."""
    if options.peak_sites and options.peak_targets is not None:
        functions = [(name, f) for name, f in functions if name in options.peak_targets]
    made = [None] * len(functions)
    interrupted = False
    for index in range(len(functions)):
        if interrupted:
            break
        name, function = functions[index]
        try:
            made[index] = command._in_copy(
                lambda: _in_copy_of_process(name, function, options, process), None
            )
        except KeyboardInterrupt:
            made[index] = INTERRUPTED
        except OSError as error:  # no process could be forked (out of memory or processes)
            made[index] = error
        interrupted = isinstance(made[index], bytes) and made[index].startswith(INTERRUPTED)
    interrupted = None
    for index, (name, _) in enumerate(functions):
        if interrupted is not None and options.peak_sites:
            return
        scenario = Scenario(name, "function")
        result.scenarios.append(scenario)
        if interrupted is not None:
            scenario.error = interrupted
            scenario.error_phase = "setup"
            continue
        data = made[index]
        if not isinstance(data, bytes):
            scenario.error = CopyEnded(
                "no copy of the process could be forked to call %s: %s" % (name, data)
                if isinstance(data, OSError) else
                "the copy of the process that called %s ended without its figures (it crashed,"
                " was killed, or the function called os._exit)" % name
            )
            scenario.error_phase = "call"
            continue
        if data == INTERRUPTED:
            scenario.error = KeyboardInterrupt()
            scenario.error_phase = "call"
        else:
            learned = _received(scenario, marshal.loads(data[1:]), result)
            if process is not None:
                process.learn(learned)
        if isinstance(scenario.error, KeyboardInterrupt):
            interrupted = scenario.error


# The first byte of what a copy sends back when its function was interrupted (KeyboardInterrupt):
# the functions after it are not called.
INTERRUPTED = b"I"
CALLED = b"-"


class CopyEnded(Exception):
    """The error of a function whose copy of the process ended without sending its figures."""


def _in_copy_of_process(name, function, options, process):
    """In the copy: the function's calls, as ``_run_in_turn`` makes them, and what they measured
    (``_sent``), as bytes."""
    copied = Run()
    scenario = Scenario(name, "function")
    try:
        if options.peak_sites:
            reference = options.peak_targets.get(name) if options.peak_targets else None
            _hooked_first_call(scenario, function, options, copied, reference)
        else:
            _run_function(scenario, function, options, copied)
    finally:
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
    learned = process.learned() if process is not None else None
    if process is not None:
        process.leave()
    first = INTERRUPTED if isinstance(scenario.error, KeyboardInterrupt) else CALLED
    return first + marshal.dumps(_sent(scenario, copied, learned))


def _sent(scenario, copied, learned):
    """What a copy sends back of ``scenario``: plain values that marshal carries."""
    def measurement(taken):
        if taken is None:
            return None
        values = dict(vars(taken))
        values["error"] = _error_sent(taken.error)
        if taken.peak_unseen is not None:
            filename, lineno, inside, size = taken.peak_unseen
            values["peak_unseen"] = (filename, lineno, None if inside is None else str(inside),
                                     size)
        return values

    notes = [(note["what"], note["why"]) for note in copied.unmeasured]
    # The peak: one of the repeats (its index), or a measurement of its own.
    peak = None
    if scenario.peak is not None:
        found = [index for index, taken in enumerate(scenario.repeats) if taken is scenario.peak]
        peak = found[0] if found else measurement(scenario.peak)
    return (
        _error_sent(scenario.error), scenario.error_phase, scenario.lost_tracing,
        scenario.identical_runs, scenario.leak_series,
        [measurement(taken) for taken in scenario.repeats], peak,
        notes, learned,
    )


def _received(scenario, sent, result):
    """``scenario`` as the copy sent it back (``_sent``); returns what the copy learned."""
    (error, scenario.error_phase, scenario.lost_tracing, scenario.identical_runs,
     scenario.leak_series, repeats, peak, notes, learned) = sent
    scenario.error = _error_received(error)

    def measurement(values):
        taken = capture.Measurement()
        taken.__dict__.update(values)
        taken.error = _error_received(values["error"])
        return taken

    scenario.repeats = [measurement(values) for values in repeats]
    if isinstance(peak, int):
        scenario.peak = scenario.repeats[peak]
    elif peak is not None:
        scenario.peak = measurement(peak)
    for what, why in notes:
        _note(result, scenario, what, why)
    return learned


def _error_sent(error):
    if error is None:
        return None
    from . import snapshot  # in the copy, once its calls are made

    for base in (KeyboardInterrupt, SystemExit, Exception):
        if isinstance(error, base):
            break
    else:
        base = BaseException
    code = getattr(error, "code", None) if base is SystemExit else None
    if code is not None and not isinstance(code, (int, str)):
        code = snapshot._safe_str(code)
    cls = type(error)
    return (base.__name__, getattr(cls, "__module__", None), cls.__qualname__,
            snapshot._safe_str(error), "".join(snapshot.format_script_traceback(error)), code)


def _error_received(sent):
    """A stand-in for the exception a copy raised: its type's name, message and traceback as
    Python wrote them there (``snapshot.describe_error`` and ``report_failure`` read them)."""
    if sent is None:
        return None
    base, module, qualname, message, lines, code = sent
    base = {"KeyboardInterrupt": KeyboardInterrupt, "SystemExit": SystemExit,
            "Exception": Exception}.get(base, BaseException)
    cls = type(qualname.rpartition(".")[2], (base,), {
        "__module__": module,
        "__qualname__": qualname,
        "__str__": lambda self: message,
        capture.COPIED_TRACEBACK: lines,
    })
    return cls(code) if base is SystemExit else cls(message)


def _run_in_turn(functions, options, result):
    if options.peak_sites:
        _peak_pass(functions, options, result)
        return
    interrupted = None
    for name, function in functions:
        scenario = Scenario(name, "function")
        result.scenarios.append(scenario)
        if interrupted is not None:
            scenario.error = interrupted
            scenario.error_phase = "setup"
            continue
        _run_function(scenario, function, options, result)
        if isinstance(scenario.error, KeyboardInterrupt):
            interrupted = scenario.error


def _run_function(scenario, function, options, result):
    for repeat in range(1 if options.untraced else options.repeats):
        first = repeat == 0
        if options.untraced:
            measurement = capture.count_objects(function, ignore=(scenario.repeats,))
        else:
            measurement = capture.measure(
                function,
                options.frames,
                count_types=options.object_types and first,
                traceback_filter=options.traceback_filter if first else None,
                ignore=(scenario.repeats,),
                retention_filter=options.retention_filter if first else None,
            )
        if not _usable(scenario, measurement, result):
            return
        scenario.repeats.append(measurement)
        if measurement.error is not None:
            scenario.error = measurement.error
            scenario.error_phase = "call"
            return
        if first and options.same_as is not None and options.same_as.matches(
            scenario.name, measurement
        ):
            scenario.identical_runs = 2
            break
    _check_frames(result, scenario, options, scenario.repeats[0])

    if options.iterations and not options.untraced:
        _leak_check(scenario, function, options.iterations, options, result)


def _peak_pass(functions, options, result):
    targets = options.peak_targets
    wanted = [name for name, _ in functions if targets is None or name in targets]
    calls = options.repeats + options.iterations
    for name, function in functions:
        if not wanted:
            return  # what the functions after the last one asked for do cannot matter
        made = 0
        if name in wanted:
            wanted.remove(name)
            scenario = Scenario(name, "function")
            result.scenarios.append(scenario)
            reference = targets.get(name) if targets else None
            made = _hooked_first_call(scenario, function, options, result, reference)
            if isinstance(scenario.error, KeyboardInterrupt):
                return
            if scenario.error is not None or not wanted:
                continue
        try:
            for _ in range(made, calls):
                _replay(function)
        except KeyboardInterrupt:
            return
        except BaseException:  # noqa: B902 - the measuring run stopped calling it there too
            pass


def _hooked_first_call(scenario, function, options, result, reference):
    """The function's first call under the peak hooks, aiming at ``reference`` (the peak a
    measuring run's first call reached); a second one, aiming at the highest level the hooks
    saw, when the first never came near it (a peak inside one C call). Returns the calls made.

    The hooks are on throughout the call: were they on only near the peak and missed it, a
    call again would not be the call a measuring run reports (a function may fill a cache)."""
    calls = 0
    for _ in range(2):
        attempt = capture.measure(
            function,
            options.frames,
            traceback_filter=options.traceback_filter,
            watch_peak=True,
            peak_reference=reference,
            peak_everywhere=True,
        )
        calls += 1
        if not _usable(scenario, attempt, result):
            return calls
        if not scenario.repeats:
            scenario.repeats.append(attempt)
        if attempt.error is not None:
            scenario.error = attempt.error
            scenario.error_phase = "call"
            return calls
        if scenario.peak is None or attempt.peak_level > scenario.peak.peak_level:
            scenario.peak = attempt
        if attempt.peak_sites is not None or not attempt.peak_seen or attempt.peak_overshot:
            break
        reference = attempt.peak_seen
    _check_frames(result, scenario, options, scenario.repeats[0])
    if scenario.peak.peak_sites is None:
        _note(result, scenario, "sites at the peak", _peak_miss(scenario.peak, True))
        scenario.peak = None
    return calls


def _replay(function):
    """One call made the way a measuring run makes it, but unmeasured and untraced."""
    collection.before_call()
    value = function()
    del value
    capture.clear_type_cache()
    gc.collect()


def _leak_check(scenario, function, iterations, options, result):
    collection.before_call()
    tracemalloc.start(options.frames)
    try:
        _leak_calls(scenario, function, iterations, result)
    finally:
        if tracemalloc.is_tracing():
            tracemalloc.stop()


def _leak_calls(scenario, function, iterations, result):
    # Each snapshot holds only what the leak calls allocated (tracing started just now),
    # so it stays small however much the setup made.
    marker = object()
    base = capture.line_totals(tracemalloc.take_snapshot())
    series = []
    for call in range(1, iterations + 1):
        value = None
        try:
            value = function()
        except KeyboardInterrupt as exc:
            scenario.error = exc
            scenario.error_phase = "call"
            return
        except BaseException as exc:  # noqa: B902
            # The repeats measured the function: they stand, and only the leak is unmeasured.
            _note(result, scenario, "leak check",
                  "leak-check call %d raised %s: %s" % (call, type(exc).__name__, exc))
            return
        finally:
            del value
        lost = capture.tracing_lost(marker)
        if lost is not None:
            _note(result, scenario, "leak check", "the function %s" % lost)
            return
        capture.clear_type_cache()
        gc.collect()
        now = capture.line_totals(tracemalloc.take_snapshot())
        series.append(_difference(now, base))
        del now
    scenario.leak_series = series


def _difference(now, base):
    changed = {}
    for key, (size, count) in now.items():
        old_size, old_count = base.get(key, (0, 0))
        if size != old_size or count != old_count:
            changed[key] = (size - old_size, count - old_count)
    for key, (size, count) in base.items():
        if key not in now:
            changed[key] = (-size, -count)
    return changed


def _usable(scenario, measurement, result):
    if measurement.traced:
        return True
    if measurement.error is not None:
        scenario.error = measurement.error
        scenario.error_phase = "call"
    scenario.lost_tracing = measurement.lost_tracing
    _note(result, scenario, "peak and retained memory",
          "the function %s" % measurement.lost_tracing)
    return False


def _check_frames(result, scenario, options, measurement):
    used = measurement.frames_used
    if used is not None and used != options.frames:
        _note(
            result,
            scenario,
            "tracebacks of %d frames" % options.frames,
            "the script restarted tracemalloc with frames=%d" % used,
        )


# The note of a whole script whose peak came while the hooks were off (see peak.py): its
# caller runs it again with --peak-everywhere.
HOOKS_MISSED = "sites at the peak, with the hooks on near it only"


def _hooks_missed(measurement):
    return (
        "the peak came while the hooks were off (highest level caught: %d bytes of %d)"
        % (measurement.peak_level, measurement.peak_bytes)
    )


def _peak_miss(measurement, aimed):
    if measurement.peak_overshot:
        return (
            "the hooked run's traced memory reached %d bytes, past %d (%g times the %d bytes"
            " measured, and at least %d bytes above them), so it stopped: its sites would not"
            " be those of the measured peak"
            % (measurement.peak_overshot, measurement.peak_limit, peak.OVERSHOOT_SHARE,
               measurement.peak_reference, peak.OVERSHOOT_FLOOR)
        )
    if not aimed:
        return "the script's source looked like bench_ functions, so its top level ran unhooked"
    return (
        "the peak hooks never saw the traced memory near its peak (highest level seen: %d"
        " bytes of %d)" % (measurement.peak_seen, measurement.peak_bytes)
    )


def _note(result, scenario, what, why):
    result.unmeasured.append({"scenario": scenario, "what": what, "why": why})


def _looks_like_functions(script_path):
    """A cheap guess, before running it, at whether the script defines bench functions."""
    try:
        with open(script_path, "rb") as file:
            source = b"\n" + file.read()
    except OSError:
        return False
    return b"\ndef bench_" in source or b"\nasync def bench_" in source
