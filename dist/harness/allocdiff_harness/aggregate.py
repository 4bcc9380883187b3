"""Merge the partial snapshots a command's Python processes wrote into one side snapshot.

Usage: ``python3 -m allocdiff_harness.aggregate --dir DIR --root ROOT --out FILE [--frames N]
[--after FILE]`` (``DIR`` is the ``ALLOCDIFF_COMMAND_DIR`` the command ran with; see
command.py). With ``--after``, it is started ahead, while the command runs, and merges once
``FILE`` exists (allocdiff writes it when the command has ended): the interpreter's start and
the imports are then not between the command's end and its merged snapshot.

Scenarios are matched by name: processes that ran the same script (or ``-m`` module, or
``-c`` code), started by the same test or by none, are one scenario, and so are two runs of
the same test. Their sizes add up:
per site, and in the totals (``peakBytes`` too: the sum of each process's own peak, what they
would hold running at the same time); ``processes`` says how many were merged. A process that
started but wrote no result, a forked child and a too-old interpreter are ``unmeasured``.
In the traceback pass, a site's tracebacks merge the same way, call path by call path (each
process kept its largest; the merged site keeps the largest of those).

What a deep pass measures of a test (its further calls, each site's figure per call, objects
by type, sites at the peak, the leak check, retention paths) is kept as the test's process wrote it when one
process measured the scenario (a test runs in one); merged from several, only call 1 is.
"""

import os
import platform
import sys
import sysconfig

from . import __version__, columns, command
from .paths import PathNormalizer
from .snapshot import SCHEMA, TRACEBACKS_PER_SITE, StringTable, decode_file, write_snapshot

USAGE = (
    "usage: python3 -m allocdiff_harness.aggregate --dir DIR --root ROOT --out FILE [--frames N]"
    " [--after FILE]"
)
# How often ``--after`` looks for its file (seconds).
AFTER_POLL = 0.01
SCENARIO_KEYS = ("name", "kind", "status", "error", "budgetMarkers")


def aggregate(directory, root, frames=1):
    """The merged snapshot document of every process that wrote into ``directory``."""
    started, results, forked, unsupported = _read_directory(directory)
    stdlib = sysconfig.get_paths()["stdlib"]
    merged = {}
    unmeasured = []
    first = None
    total_seconds = 0.0
    foreign = []
    for token in sorted(results, key=_start_order):
        document = results[token]
        first = first or document
        total_seconds += document.get("timings", {}).get("totalSeconds", 0.0)
        strings = document["strings"]
        for scenario in document["scenarios"]:
            _merge_scenario(merged, scenario, strings)
        unmeasured.extend(document.get("unmeasured", []))
        for module in document.get("foreignModules", []):
            if module not in foreign:
                foreign.append(module)

    names = {}
    for token, fields in started.items():
        pid, _, cwd, kind, value, test = (fields + [""] * 6)[:6]
        paths = PathNormalizer(root=root, stdlib=stdlib, cwd=cwd or root)
        names[token] = command.scenario_name((kind, value), paths, test)
        if token not in results:
            unmeasured.append(
                {
                    "what": "process %s (pid %s)" % (names[token], pid),
                    "why": "it ended without running its exit handlers (killed by a signal,"
                    " os._exit() or a crash), so its memory was not measured",
                    "scenario": names[token],
                }
            )
    forks_by_parent = {}
    for parent_token in forked:
        name = names.get(parent_token, "?")
        forks_by_parent[name] = forks_by_parent.get(name, 0) + 1
    for name, count in sorted(forks_by_parent.items()):
        unmeasured.append(
            {
                "what": "%d forked process%s of %s" % (count, "" if count == 1 else "es", name),
                "why": "a child made by os.fork() without exec runs on a copy of its parent's"
                " memory, so it is not measured on its own",
                "scenario": name,
            }
        )
    for pid, version in sorted(unsupported):
        unmeasured.append(
            {
                "what": "a Python %s process (pid %s)" % (version, pid),
                "why": "allocdiff measures Python 3.9 and later",
            }
        )

    strings = StringTable()
    snapshot = {
        "schema": SCHEMA,
        "harness": {"version": __version__},
        "python": (first or {}).get("python") or {"version": "", "implementation": ""},
        # The processes leave it out (see snapshot.build_snapshot): one machine, said once.
        "platform": platform.platform() if first else "",
        "frames": frames,
        "repeats": 1,
        "iterations": 0,
        "timings": {"setupSeconds": 0.0, "totalSeconds": total_seconds},
        "scenarios": [_finish_scenario(scenario, strings) for scenario in merged.values()],
        "strings": strings.strings,
        "unmeasured": unmeasured,
    }
    if foreign:
        snapshot["foreignModules"] = foreign
    return snapshot


def _read_directory(directory):
    started, results, forked, unsupported = {}, {}, [], []
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        stem, extension = os.path.splitext(name)
        if extension == ".json":
            with open(path, "rb") as file:
                results[stem] = decode_file(file.read())
        elif extension in (".started", ".forked", ".unsupported"):
            with open(path, "rb") as file:
                fields = os.fsdecode(file.read()).split(command.FIELD_SEPARATOR)
            if extension == ".started":
                started[stem] = fields
            elif extension == ".forked":
                forked.append(fields[1] if len(fields) > 1 else "")
            else:
                unsupported.append((stem, fields[0]))
    return started, results, forked, unsupported


def _start_order(token):
    pid, _, started = token.partition("-")
    return (int(started or 0), int(pid or 0))


def _merge_scenario(merged, scenario, strings):
    entry = merged.get(scenario["name"])
    if entry is None:
        entry = merged[scenario["name"]] = {
            "name": scenario["name"],
            "kind": scenario["kind"],
            "status": "ok",
            "peakBytes": 0,
            "durationSeconds": 0.0,
            "processes": 0,
            "sites": {},
            # (the scenario, its strings) while one process measured it: see _in_depth.
            "single": (scenario, strings),
        }
    else:
        entry["single"] = None
    entry["processes"] += 1
    if "budgetMarkers" in scenario and "budgetMarkers" not in entry:
        entry["budgetMarkers"] = scenario["budgetMarkers"]
    entry["peakBytes"] += scenario["peakBytes"]
    entry["durationSeconds"] += scenario["durationSeconds"]
    if scenario["status"] == "failed" and entry["status"] == "ok":
        entry["status"] = "failed"
        entry["error"] = scenario.get("error") or {"type": "Error", "message": "failed"}
    for site in columns.decode(scenario["sites"]):
        key = (strings[site["file"]], site["line"])
        total = entry["sites"].get(key)
        if total is None:
            total = entry["sites"][key] = {
                "size": 0,
                "count": 0,
                "text": strings[site["text"]] if "text" in site else None,
                "function": strings[site["function"]] if "function" in site else None,
                "tracebacks": {},
                "sizes": site.get("sizes"),
                "counts": site.get("counts"),
            }
        total["size"] += site["size"]
        total["count"] += site["count"]
        for traceback in site.get("tracebacks", ()):
            _merge_traceback(total["tracebacks"], traceback, strings)


def _merge_traceback(merged, traceback, strings):
    """Add one process's call path to ``merged`` (``{(file, line) per frame: total}``)."""
    frames = [_location(frame, strings) for frame in traceback["frames"]]
    key = tuple((frame["file"], frame["line"]) for frame in frames)
    total = merged.get(key)
    if total is None:
        total = merged[key] = {"size": 0, "count": 0, "truncated": False, "frames": frames}
    total["size"] += traceback["size"]
    total["count"] += traceback["count"]
    total["truncated"] = total["truncated"] or traceback.get("truncated", False)


def _location(frame, strings):
    """A frame with its strings, not their indexes into one process's table."""
    resolved = {"file": strings[frame["file"]], "line": frame["line"]}
    for field in ("text", "function"):
        if field in frame:
            resolved[field] = strings[frame[field]]
    return resolved


def _encoded_tracebacks(merged, strings):
    """The largest call paths, largest first, their strings in the merged table."""
    ranked = sorted(
        (item for item in merged.items() if item[1]["size"] > 0),
        key=lambda item: (-item[1]["size"], -item[1]["count"], item[0]),
    )[:TRACEBACKS_PER_SITE]
    tracebacks = []
    for _, total in ranked:
        frames = []
        for frame in total["frames"]:
            encoded = {"file": strings.string(frame["file"]), "line": frame["line"]}
            for field in ("text", "function"):
                if field in frame:
                    encoded[field] = strings.string(frame[field])
            frames.append(encoded)
        traceback = {"size": total["size"], "count": total["count"], "frames": frames}
        if total["truncated"]:
            traceback["truncated"] = True
        tracebacks.append(traceback)
    return tracebacks


def _finish_scenario(entry, strings):
    # Largest first, then file, then line (as the harness sorts); dicts are never compared.
    rows = sorted(
        (
            ((-total["size"], key[0], key[1]), key, total)
            for key, total in entry["sites"].items()
            if total["size"] or total["count"]
        ),
        key=lambda row: row[0],
    )
    sites = []
    for _, (file, line), total in rows:
        site = {"file": strings.string(file), "line": line}
        if total["text"] is not None:
            site["text"] = strings.string(total["text"])
        if total["function"] is not None:
            site["function"] = strings.string(total["function"])
        site["size"] = total["size"]
        site["count"] = total["count"]
        if entry["single"] is not None and total["sizes"] is not None:
            site["sizes"] = total["sizes"]
            site["counts"] = total["counts"]
        tracebacks = _encoded_tracebacks(total["tracebacks"], strings)
        if tracebacks:
            site["tracebacks"] = tracebacks
        sites.append(site)
    retained_bytes = sum(total["size"] for _, _, total in rows)
    retained_count = sum(total["count"] for _, _, total in rows)
    document = {key: entry[key] for key in SCENARIO_KEYS if key in entry}
    document.update(
        {
            "peakBytes": entry["peakBytes"],
            "retainedBytes": retained_bytes,
            "retainedCount": retained_count,
            "durationSeconds": entry["durationSeconds"],
            "repeats": [
                {
                    "peakBytes": entry["peakBytes"],
                    "retainedBytes": retained_bytes,
                    "retainedCount": retained_count,
                    "durationSeconds": entry["durationSeconds"],
                }
            ],
            "sites": columns.encode(sites),
            "processes": entry["processes"],
        }
    )
    if entry["single"] is not None:
        _in_depth(document, *entry["single"], strings)
    return document


def _in_depth(document, scenario, own, strings):
    """Copy what a deep pass measured of a scenario one process wrote (its strings ``own``)
    into ``document``, its strings re-indexed into the merged table ``strings``."""
    if len(scenario.get("repeats", ())) > 1:
        document["repeats"] = scenario["repeats"]
    if "objectTypes" in scenario:
        document["objectTypes"] = scenario["objectTypes"]
    if "peak" in scenario:
        peak_sites = []
        for site in columns.decode(scenario["peak"]["sites"]):
            site = _reindexed(site, own, strings)
            if "tracebacks" in site:
                site["tracebacks"] = [
                    dict(traceback, frames=[_reindexed(f, own, strings) for f in traceback["frames"]])
                    for traceback in site["tracebacks"]
                ]
            peak_sites.append(site)
        document["peak"] = dict(scenario["peak"], sites=columns.encode(peak_sites))
    if "retention" in scenario:
        document["retention"] = dict(
            scenario["retention"],
            sites=[
                dict(
                    _reindexed(site, own, strings),
                    paths=[
                        dict(path, via=[_reindexed(step, own, strings) for step in path["via"]])
                        for path in site["paths"]
                    ],
                )
                for site in scenario["retention"]["sites"]
            ],
        )
    if "leak" in scenario:
        leak = scenario["leak"]
        document["leak"] = dict(
            leak, sites=[_reindexed(site, own, strings) for site in leak["sites"]]
        )


def _reindexed(location, own, strings):
    """A site or frame whose ``file``, ``text``, ``function`` index ``own``, indexing
    ``strings`` instead."""
    moved = dict(location)
    for field in ("file", "text", "function"):
        if field in moved:
            moved[field] = strings.string(own[moved[field]])
    return moved


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    values = {}
    while args:
        name = args.pop(0)
        if name not in ("--dir", "--root", "--out", "--frames", "--after") or not args:
            print("allocdiff-aggregate: bad argument %r\n%s" % (name, USAGE), file=sys.stderr)
            return 2
        values[name[2:]] = args.pop(0)
    missing = [name for name in ("dir", "root", "out") if name not in values]
    if missing:
        print("allocdiff-aggregate: --%s is required\n%s" % (missing[0], USAGE), file=sys.stderr)
        return 2
    if "after" in values and not _wait_for(values["after"], _prepare):
        print("allocdiff-aggregate: the process that started it is gone", file=sys.stderr)
        return 1
    document = aggregate(
        values["dir"], os.path.realpath(values["root"]), int(values.get("frames", "1"))
    )
    write_snapshot(document, values["out"])
    return 0


def _prepare():
    """What the merge asks of the interpreter whatever it merges, asked now (each is kept):
    the platform (whose processor Python learns by running ``uname -p``) and the stdlib's
    folder."""
    platform.platform()
    sysconfig.get_paths()


def _wait_for(path, prepare):
    """Waits, started ahead of what it merges (everything it needs imported already, and
    ``prepare()`` done), until ``path`` exists; False when the process that started it, or the
    folder of ``path``, is gone first."""
    import time

    prepare()

    parent = os.getppid()
    folder = os.path.dirname(os.path.abspath(path))
    while not os.path.exists(path):
        if os.getppid() != parent or not os.path.isdir(folder):
            return False
        time.sleep(AFTER_POLL)
    return True


if __name__ == "__main__":
    sys.exit(main())
