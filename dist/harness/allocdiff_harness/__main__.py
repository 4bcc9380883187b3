"""Command line; see USAGE (and python/README.md).

Exit status 0 when a snapshot was written, even if the script failed (the snapshot says so);
2 for bad arguments, with no snapshot.

No argparse and no ``from __future__`` here: every module loaded before the script runs is one
the script then imports for free, which would make its own imports look cheaper than they are.
"""

import os
import sys

from . import capture, checkout, reads, sameas, scenarios, shard

USAGE = """\
usage: python3 -m allocdiff_harness --script PATH --root DIR --out FILE [options]
  --frames N               frames per traceback tracemalloc records (default 1)
  --repeats N              measured calls of each bench_ function (default 1)
  --iterations N           leak check: N more calls of each bench_ function (0: off; else >= 3)
  --traceback-sites FILE   tracebacks for these sites, one normalised path:line a line
  --peak-sites             a peak pass: find the sites that held memory at the peak
  --peak-target BYTES      the peak an earlier run of this whole script measured
  --peak-everywhere        with --peak-target: the hooks on throughout, not only near it
                           (a run again after they missed it)
  --peak-targets FILE      the bench_ functions to find them for, one "name bytes" a line
                           (the peak of its first call in an earlier run; 0: not known)
  --retention-sites FILE   what keeps the objects of these sites alive, one normalised
                           path:line a line (first measurement of each scenario), read
                           after the measurement; default: OUT.retention-sites when it
                           exists (a run that walks then has the arguments of one that
                           does not)
  --no-object-types        do not count live objects by type
  --count-objects WHEN     around (the default): before and after each scenario's first
                           run; before: before a whole script only, not after, and no counts
                           in the snapshot (its call starts as a counting run's does, so
                           the two measure the same)
  --count-objects-only     count live objects by type around each scenario's first run,
                           untraced: no memory figures (a run to pair with measuring ones)
  --same-as FILE           an earlier run's figures of the bench_ functions (see sameas.py):
                           a function whose first call measures exactly these is not repeated"""
USAGE_ERROR = 2
# The default --retention-sites: beside the snapshot (--out).
RETENTION_SITES_SUFFIX = ".retention-sites"
MAX_FRAMES = 65535  # tracemalloc's own limit
MAX_COUNT = 1000000
# --count-objects: before and after each scenario (the default), or before a whole script only.
COUNT_OBJECTS = ("around", "before")
OPTIONS = (
    "--script", "--root", "--out", "--frames", "--repeats", "--iterations", "--traceback-sites",
    "--peak-target", "--peak-targets", "--same-as",
    "--retention-sites", "--count-objects",
)
FLAGS = ("--peak-sites", "--peak-everywhere", "--no-object-types", "--count-objects-only")


class UsageError(Exception):
    pass


def parse_args(argv):
    """``{"script", "root", "out", "frames", ...}`` from ``--name value`` / ``--name=value``."""
    values = {}
    args = list(argv)
    while args:
        arg = args.pop(0)
        name, equals, value = arg.partition("=")
        if name in FLAGS:
            if equals:
                raise UsageError("%s takes no value" % name)
            values[name[2:]] = True
            continue
        if name not in OPTIONS:
            raise UsageError("unknown argument: %s" % arg)
        if not equals:
            if not args:
                raise UsageError("%s needs a value" % name)
            value = args.pop(0)
        values[name[2:]] = value
    for required in ("script", "root", "out"):
        if not values.get(required):
            raise UsageError("--%s is required" % required)
    values["frames"] = _frame_count(values.get("frames", "1"))
    values["repeats"] = _whole_number("--repeats", values.get("repeats", "1"), 1, MAX_COUNT)
    iterations = _whole_number("--iterations", values.get("iterations", "0"), 0, MAX_COUNT)
    if iterations and iterations < 3:
        raise UsageError(
            "--iterations must be 0 (no leak check) or at least 3 (call 1 is warm-up, and"
            " growth must go on over the calls after it), not %d" % iterations
        )
    values["iterations"] = iterations
    for option in ("peak-target", "peak-targets", "peak-everywhere"):
        if option in values and not values.get("peak-sites"):
            raise UsageError("--%s is only read with --peak-sites" % option)
    if values.setdefault("count-objects", "around") not in COUNT_OBJECTS:
        raise UsageError("--count-objects must be one of %s, not %r"
                         % (", ".join(COUNT_OBJECTS), values["count-objects"]))
    if values.get("count-objects-only"):
        for option in ("no-object-types", "peak-sites", "traceback-sites", "retention-sites",
                       "same-as"):
            if option in values:
                raise UsageError("--%s cannot go with --count-objects-only" % option)
    if "peak-target" in values:
        values["peak-target"] = _whole_number(
            "--peak-target", values["peak-target"], 1, 2 ** 62
        )
    return values


def read_site_list(path, option="--traceback-sites"):
    """``[(file, line)]`` from a --traceback-sites or --retention-sites file (see
    capture.read_site_list)."""
    try:
        return capture.read_site_list(path)
    except OSError as error:
        raise UsageError("%s %s: %s" % (option, path, error.strerror or error))
    except ValueError as error:
        raise UsageError("%s %s" % (option, error))


def read_same_as(path):
    """``{name: sameas.Figures}`` from a --same-as file."""
    try:
        return sameas.read(path)
    except OSError as error:
        raise UsageError("--same-as %s: %s" % (path, error.strerror or error))
    except ValueError as error:
        raise UsageError("--same-as %s" % error)


def read_peak_targets(path):
    """``{name: bytes or None}`` from a file of ``name bytes`` lines (blank lines skipped)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise UsageError("--peak-targets %s: %s" % (path, error.strerror or error))
    targets = {}
    for number, raw in enumerate(data.split(b"\n"), 1):
        line = os.fsdecode(raw.rstrip(b"\r"))
        if not line.strip():
            continue
        name, space, size = line.strip().rpartition(" ")
        if not space or not name or not size.isdigit():
            raise UsageError(
                "--peak-targets %s line %d: expected a function name and a number of bytes,"
                " not %r" % (path, number, line)
            )
        targets[name] = int(size) or None
    return targets


def main(argv=None):
    # Captured before the script runs: it may chdir, but relative paths are relative to this.
    cwd = os.getcwd()
    argv = sys.argv[1:] if argv is None else argv
    if "-h" in argv or "--help" in argv:
        print(USAGE)
        return 0
    try:
        args = parse_args(argv)
        script_path = os.path.abspath(args["script"])
        root = os.path.abspath(args["root"])
        out = os.path.abspath(args["out"])
        _check_paths(script_path, root, out)
        traceback_filter = None
        if "traceback-sites" in args:
            traceback_filter = capture.TracebackFilter(read_site_list(args["traceback-sites"]))
        # Read after the first measurement, if there (see capture.SiteListFile).
        retention_filter = capture.SiteListFile(
            args.get("retention-sites", out + RETENTION_SITES_SUFFIX),
            "--retention-sites",
            required="retention-sites" in args,
        )
        peak_targets = None
        if "peak-targets" in args:
            peak_targets = read_peak_targets(args["peak-targets"])
        same_as = None
        if "same-as" in args:
            same_as = sameas.SameAs(read_same_as(args["same-as"]), root=root, cwd=cwd)
    except UsageError as error:
        print("allocdiff-harness: %s\n%s" % (error, USAGE), file=sys.stderr)
        return USAGE_ERROR

    options = scenarios.Options(
        frames=args["frames"],
        repeats=args["repeats"],
        iterations=args["iterations"],
        traceback_filter=traceback_filter,
        peak_sites=args.get("peak-sites", False),
        peak_target=args.get("peak-target"),
        peak_everywhere=args.get("peak-everywhere", False),
        peak_targets=peak_targets,
        object_types=(not args.get("no-object-types", False)
                      and args["count-objects"] == "around"),
        count_before_only=(not args.get("no-object-types", False)
                           and args["count-objects"] == "before"),
        same_as=same_as,
        retention_filter=retention_filter,
        untraced=args.get("count-objects-only", False),
        shard=shard.from_environment(os.environ),
    )
    harness_path = capture.prepare_interpreter(args["script"], script_path)
    # This side's checkout wins over what the environment installed (see checkout.py).
    own_code = checkout.Checkout.from_environment(root, keep=[capture.HARNESS_PARENT])
    own_code.prepare()
    read = reads.Reads()
    read.install()
    run = scenarios.run(script_path, options, _Copies(read, harness_path))
    failure = retention_filter.failure()
    if failure is not None:
        print("allocdiff-harness: %s\n%s" % (failure, USAGE), file=sys.stderr)
        return USAGE_ERROR
    read_files, read_folders, import_folders = read.under(root)
    found = own_code.foreign_modules(read.modules(), cwd=cwd)
    foreign = (found, own_code.foreign_error(found, read.path())) if found else None

    # Imported only now, so the measured script pays for its own imports of json, ast, ...
    sys.path[:] = harness_path
    from . import snapshot

    stream = sys.stderr or sys.__stderr__
    reported = set()
    for scenario in run.scenarios:
        if scenario.error is not None and id(scenario.error) not in reported:
            reported.add(id(scenario.error))
            snapshot.report_failure(scenario.error, stream)
    document = snapshot.build_snapshot(run, root=root, cwd=cwd, options=options, foreign=foreign)
    document["reads"] = {
        "files": read_files, "folders": read_folders, "importFolders": import_folders
    }
    snapshot.write_snapshot(document, out)
    return 0


class _Copies:
    """What a copy of this process that calls a bench_ function (scenarios.py) tells it: what
    it read (``reads.Reads.learned``)."""

    def __init__(self, read, harness_path):
        self.read = read
        self.harness_path = harness_path

    def learned(self):
        return self.read.learned()

    def learn(self, learned):
        self.read.learn(learned)

    def leave(self):
        """In the copy, once it has measured: the harness imports from its own sys.path."""
        sys.path[:] = self.harness_path


def _whole_number(option, value, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise UsageError("%s must be a whole number from %d to %d, not %r" % (option, low, high, value))
    return number


def _frame_count(value):
    try:
        frames = int(value)
    except ValueError:
        frames = 0
    if not 1 <= frames <= MAX_FRAMES:
        raise UsageError(
            "--frames must be a whole number from 1 to %d, not %r" % (MAX_FRAMES, value)
        )
    return frames


def _check_paths(script_path, root, out):
    if not os.path.isfile(script_path):
        raise UsageError("--script %s: no such file" % script_path)
    if not os.path.isdir(root):
        raise UsageError("--root %s: no such directory" % root)
    if not os.path.isdir(os.path.dirname(out)):
        raise UsageError("--out %s: its directory does not exist" % out)


if __name__ == "__main__":
    sys.exit(main())
