"""Command line: ``python3 -m allocdiff_harness --script PATH --root DIR --out FILE [--frames N]``.

Exit status 0 when a snapshot was written, even if the script failed (the snapshot says so);
2 for bad arguments, with no snapshot.

No argparse and no ``from __future__`` here: every module loaded before the script runs is one
the script then imports for free, which would make its own imports look cheaper than they are.
"""

import os
import sys

from . import capture

USAGE = "usage: python3 -m allocdiff_harness --script PATH --root DIR --out FILE [--frames N]"
USAGE_ERROR = 2
MAX_FRAMES = 65535  # tracemalloc's own limit
OPTIONS = ("--script", "--root", "--out", "--frames")


class UsageError(Exception):
    pass


def parse_args(argv):
    """``{"script", "root", "out", "frames"}`` from ``--name value`` / ``--name=value``."""
    values = {}
    args = list(argv)
    while args:
        arg = args.pop(0)
        name, equals, value = arg.partition("=")
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
    return values


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
    except UsageError as error:
        print("allocdiff-harness: %s\n%s" % (error, USAGE), file=sys.stderr)
        return USAGE_ERROR

    harness_path = capture.prepare_interpreter(args["script"], script_path)
    measurement = capture.measure_script(script_path, args["frames"])

    # Imported only now, so the measured script pays for its own imports of json, ast, ...
    sys.path[:] = harness_path
    from . import snapshot

    if measurement.error is not None:
        snapshot.report_failure(measurement.error, sys.stderr or sys.__stderr__)
    document = snapshot.build_snapshot(
        measurement, script_path=script_path, root=root, cwd=cwd, frames=args["frames"]
    )
    snapshot.write_snapshot(document, out)
    return 0


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
