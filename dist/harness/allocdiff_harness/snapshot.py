"""Turn a measurement into the snapshot document (see snapshot.schema.json, written from
src/capture/snapshot.ts) and write it."""

from __future__ import annotations

import array
import json
import os
import platform
import sysconfig
import traceback

from . import __version__, columns, leak, retention
from .capture import COPIED_TRACEBACK, is_machinery
from .objects import type_changes
from .paths import PathNormalizer
from .scenarios import Options, Run, Scenario
from .source import SourceIndex

# The contract with the TypeScript side, written from src/capture/snapshot.ts.
SCHEMA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snapshot.schema.json")


def _schema_version() -> str:
    """The snapshot version (``allocdiff.snapshot/N``): the schema file's, the one the reader
    expects."""
    with open(SCHEMA_FILE, encoding="utf-8") as file:
        return json.load(file)["properties"]["schema"]["const"]


SCHEMA = _schema_version()
TRACEBACK_LINES = 30
# Tracebacks kept per site asked for with --traceback-sites, largest first.
TRACEBACKS_PER_SITE = 5


def build_snapshot(
    run: Run,
    *,
    root: str,
    cwd: str,
    options: Options,
    describe_platform: bool = True,
    foreign: tuple[list, dict] | None = None,
) -> dict:
    """The snapshot document of ``run``. ``describe_platform=False`` leaves ``platform``
    empty: ``platform.platform()`` reads the interpreter's binary (a tenth of a second), too
    much for every process of a command, whose merged snapshot fills it in once.

    ``foreign``: ``(modules, error)`` when the run imported modules of the repository from
    outside this side's checkout (``Checkout.foreign_modules`` and ``foreign_error``): they
    are listed in ``foreignModules`` and every scenario fails with that error."""
    paths = PathNormalizer(root=root, stdlib=sysconfig.get_paths()["stdlib"], cwd=cwd)
    sites = SiteTable(paths, SourceIndex())
    wanted = set(options.traceback_filter.sites) if options.traceback_filter else set()
    kept = set(options.retention_filter.sites) if options.retention_filter else set()
    scenarios = [build_scenario(scenario, sites, wanted, kept) for scenario in run.scenarios]
    if foreign is not None:
        for scenario_document in scenarios:
            fail_foreign(scenario_document, foreign[1])
    unmeasured = []
    for note in run.unmeasured:
        entry = {"what": note["what"], "why": note["why"]}
        if len(run.scenarios) > 1 or run.scenarios[0].kind == "function":
            entry["scenario"] = scenario_name(note["scenario"], paths)
        unmeasured.append(entry)
    document = {
        "schema": SCHEMA,
        "harness": {"version": __version__},
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
        },
        "platform": platform.platform() if describe_platform else "",
        "frames": options.frames,
        "repeats": options.repeats,
        "iterations": options.iterations,
        "timings": {"setupSeconds": run.setup_seconds, "totalSeconds": run.total_seconds},
        "scenarios": scenarios,
        "strings": sites.strings,
        "unmeasured": unmeasured,
    }
    if foreign is not None:
        document["foreignModules"] = [
            {"module": name, "file": file} for name, file, _ in foreign[0]
        ]
    return document


def fail_foreign(scenario: dict, foreign_error: dict) -> None:
    """Fail a scenario document of a side that imported code from outside its checkout; an
    error the benchmark raised itself is kept in the message and traceback."""
    error = dict(foreign_error)
    original = scenario.get("error")
    if original is not None:
        error["message"] += " (the benchmark also failed: %s: %s)" % (
            original["type"], original["message"]
        )
        if "traceback" in original:
            error["traceback"] = "%s\n\n%s" % (error.get("traceback", ""), original["traceback"])
        if "phase" in original:
            error["phase"] = original["phase"]
    scenario["status"] = "failed"
    scenario["error"] = error


def scenario_name(scenario: Scenario, paths: PathNormalizer) -> str:
    return paths.normalize(scenario.name) if scenario.kind == "script" else scenario.name


def build_scenario(
    scenario: Scenario, sites: SiteTable, wanted: set, kept: set | None = None
) -> dict:
    document: dict = {
        "name": scenario_name(scenario, sites.paths),
        "kind": scenario.kind,
        "status": "ok" if scenario.error is None else "failed",
    }
    if scenario.error is not None:
        document["error"] = describe_error(scenario.error)
        if scenario.error_phase is not None:
            document["error"]["phase"] = scenario.error_phase
    elif scenario.lost_tracing is not None:
        document["status"] = "failed"
        document["error"] = lost_tracing_error(document["name"], scenario.lost_tracing)
    merged = [sites.merge(measurement.sites) for measurement in scenario.repeats]
    repeats = [
        {
            "peakBytes": measurement.peak_bytes,
            "retainedBytes": sum(size for size, _ in totals.values()),
            "retainedCount": sum(count for _, count in totals.values()),
            "durationSeconds": measurement.duration_seconds,
            **measurement.totals,
        }
        for measurement, totals in zip(scenario.repeats, merged)
    ]
    # The scenario's totals are repeat 1's (zeros when it never ran; a further total, absent).
    document.update({"peakBytes": 0, "retainedBytes": 0, "retainedCount": 0, "durationSeconds": 0.0})
    document.update(repeats[0] if repeats else {})
    document["repeats"] = repeats
    site_list = sites.build(merged)
    if scenario.repeats and wanted:
        sites.attach_tracebacks(site_list, scenario.repeats[0].tracebacks, wanted)
    document["sites"] = columns.encode(site_list)
    if scenario.peak is not None:
        # Line 0 is a module's code before its first line: the hooks' own table for that code,
        # made as it starts under them (peak.py), not a line of the program.
        at_peak = {
            key: value for key, value in scenario.peak.peak_sites.items() if key[1] > 0
        }
        peak_sites = sites.build([sites.merge(at_peak)], positive=True)
        if wanted:
            sites.attach_tracebacks(peak_sites, scenario.peak.peak_tracebacks, wanted)
        document["peak"] = {
            "bytes": scenario.peak.peak_level,
            "peakBytes": scenario.peak.peak_bytes,
            "sites": columns.encode(peak_sites),
        }
    if scenario.repeats and scenario.repeats[0].types_after is not None:
        first_call = scenario.repeats[0]
        document["objectTypes"] = [
            {"type": name, "before": before, "after": after}
            for name, before, after in type_changes(first_call.types_before, first_call.types_after)
        ]
    if scenario.repeats and kept and scenario.repeats[0].retention is not None:
        document["retention"] = sites.retention(scenario.repeats[0].retention, merged[0], kept)
    if scenario.leak_series is not None:
        document["leak"] = sites.leak(scenario.leak_series)
    if scenario.budget_markers:
        document["budgetMarkers"] = scenario.budget_markers
    if scenario.identical_runs is not None:
        document["identicalRuns"] = scenario.identical_runs
    return document


class StringTable:
    """Each distinct string once, in order of first use: what ``strings`` holds on disk."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._string_index: dict[str, int] = {}

    def string(self, text: str) -> int:
        """The index of ``text``, added at the end the first time it is seen."""
        index = self._string_index.get(text)
        if index is None:
            index = self._string_index[text] = len(self.strings)
            self.strings.append(text)
        return index


class SiteTable(StringTable):
    """Normalises raw ``(filename, lineno)`` keys into sites, and holds the string table.

    Sites refer to their file, source text and function by index into ``strings``, so a
    file's name, or a line's text, is written once however many scenarios, repeats and
    tracebacks mention it.
    """

    def __init__(self, paths: PathNormalizer, source: SourceIndex) -> None:
        super().__init__()
        self.paths = paths
        self.source = source
        self._keys: dict[tuple[str, int], tuple[str, int]] = {}
        self._raw_names: dict[tuple[str, int], str] = {}
        self._described: dict[tuple[str, int], dict] = {}

    def key(self, filename: str, lineno: int) -> tuple[str, int]:
        raw = (filename, lineno)
        key = self._keys.get(raw)
        if key is None:
            key = self._keys[raw] = (self.paths.normalize(filename), lineno)
            self._raw_names.setdefault(key, filename)
        return key

    def merge(self, raw: dict | None) -> dict:
        """Raw sites to ``{(file, line): (size, count)}``; two spellings of a file are one."""
        merged: dict = {}
        for (filename, lineno), (size, count) in (raw or {}).items():
            key = self.key(filename, lineno)
            old = merged.get(key)
            merged[key] = (size, count) if old is None else (old[0] + size, old[1] + count)
        return merged

    def describe(self, key: tuple[str, int]) -> dict:
        """``{"file", "line", "text"?, "function"?}`` with string indexes."""
        described = self._described.get(key)
        if described is None:
            file, line = key
            described = {"file": self.string(file), "line": line}
            local_path = self.paths.resolve(self._raw_names.get(key, file))
            if local_path is not None:
                text = self.source.line_text(local_path, line)
                if text is not None:
                    described["text"] = self.string(text)
                function = self.source.function_at(local_path, line)
                if function is not None:
                    described["function"] = self.string(function)
            self._described[key] = described
        return described

    def build(self, repeats: list[dict], *, positive: bool = False) -> list[dict]:
        """Sites over repeats: ``size``/``count`` of repeat 1, ``sizes``/``counts`` of every
        repeat when they differ; largest first. ``positive``: only sites that grew."""
        keys = set()
        for totals in repeats:
            keys.update(totals)
        rows = []
        for key in keys:
            values = [totals.get(key, (0, 0)) for totals in repeats]
            if all(size == 0 and count == 0 for size, count in values):
                continue
            if positive and values[0][0] <= 0:
                continue
            rows.append((-values[0][0], key, values))
        # Sorted before any string gets its index, so the table is the same on every run.
        rows.sort()
        built = []
        for _, key, values in rows:
            site = dict(self.describe(key))
            site["size"], site["count"] = values[0]
            if any(value != values[0] for value in values):
                site["sizes"] = [value[0] for value in values]
                site["counts"] = [value[1] for value in values]
            built.append(site)
        return built

    def attach_tracebacks(self, sites: list[dict], raw: list | None, wanted: set) -> None:
        """Give each wanted site its largest tracebacks (machinery frames left out)."""
        if not raw:
            return
        by_site: dict = {}
        for frames, size, count, truncated in raw:
            innermost = self.key(*frames[-1])
            if innermost not in wanted:
                continue
            kept = tuple(
                self.key(filename, lineno)
                for filename, lineno in frames
                if not is_machinery(filename)
            )
            if not kept:
                continue
            group = by_site.setdefault(innermost, {})
            total = group.get(kept)
            if total is None:
                group[kept] = [size, count, truncated]
            else:
                total[0] += size
                total[1] += count
                total[2] = total[2] or truncated
        for site in sites:
            key = (self.strings[site["file"]], site["line"])
            group = by_site.get(key)
            if not group:
                continue
            ranked = sorted(
                (item for item in group.items() if item[1][0] > 0),
                key=lambda item: (-item[1][0], -item[1][1], item[0]),
            )[:TRACEBACKS_PER_SITE]
            tracebacks = []
            for frames, (size, count, truncated) in ranked:
                traceback_doc = {
                    "size": size,
                    "count": count,
                    "frames": [dict(self.describe(frame)) for frame in frames],
                }
                if truncated:
                    traceback_doc["truncated"] = True
                tracebacks.append(traceback_doc)
            if tracebacks:
                site["tracebacks"] = tracebacks

    def retention(self, found: bytes, totals: dict, kept: set) -> dict:
        """The retention paths of the sites in ``kept`` (see retention.py), with the site's
        retained bytes and blocks shared out over its paths by the samples on each (all of
        them on the one path of a site with no sample: storage not found)."""
        seconds, results = retention.load(found)
        site_documents = []
        for raw_key, objects, sampled, limited, raw_paths, storage in results:
            key = self.key(*raw_key)
            if key not in kept:
                continue
            size, count = totals.get(key, (0, 0))
            document = dict(self.describe(key))
            document.update(objects=objects, sampled=sampled)
            if limited:
                document["limited"] = True
            if storage is not None:
                document["storage"] = storage
            paths = []
            for (kind, root, holder, holder_type, name, text, on_path, via, cycle,
                 items, frame) in raw_paths:
                if frame is not None:
                    # A running frame's root names its file as the sites do (never the
                    # checkout's folder): in the root, and in the holder and path it starts.
                    function, filename, lineno = frame
                    raw = "%s (%s:%d)" % (function, filename, lineno)
                    shown = "%s (%s:%d)" % (function, self.key(filename, lineno)[0], lineno)
                    root, holder, text = (
                        shown + value[len(raw):] if value.startswith(raw) else value
                        for value in (root, holder, text)
                    )
                text = self.path_keys(text)
                share = on_path / sampled if sampled else 1 / len(raw_paths)
                path_document = {
                    "kind": kind,
                    "root": root,
                    "holder": holder,
                    "holderType": holder_type,
                    "name": name,
                    "path": text,
                    "sampled": on_path,
                    "bytes": max(0, round(size * share)),
                    "count": max(0, round(count * share)),
                    "via": [
                        dict(self.describe(self.key(*where)), type=type_name)
                        for type_name, where in via
                    ],
                }
                if items is not None:
                    path_document["items"] = items
                if cycle is not None:
                    path_document["cycle"] = [
                        {"type": type_name, "objects": number}
                        for type_name, number in sorted(
                            cycle.items(), key=lambda item: (-item[1], item[0])
                        )
                    ]
                paths.append(path_document)
            document["paths"] = paths
            site_documents.append((-size, key, document))
        site_documents.sort(key=lambda item: (item[0], item[1]))
        return {"seconds": seconds, "sites": [document for _, _, document in site_documents]}

    def path_keys(self, text: str) -> str:
        """A retention path's dict keys that are files' absolute paths (kept whole by the
        walk: ``cache['/tmp/x/head/app/t.html']``) named as the sites name files
        (``cache['app/t.html']``), then shortened as the walk shortens keys."""
        if "['/" not in text and '["/' not in text:
            return text
        import re

        def named(match: "re.Match[str]") -> str:
            shown = repr(self.paths.normalize(match.group(2)))
            return "[%s]" % (shown if len(shown) <= 40 else shown[:37] + "...")

        return re.sub(r"""\[(['"])(/[^'"\\\n]*)\1\]""", named, text)

    def leak(self, series: list[dict]) -> dict:
        calls = [self.merge(after_call) for after_call in series]
        totals = [sum(size for size, _ in after_call.values()) for after_call in calls]
        keys = set()
        for after_call in calls:
            keys.update(after_call)
        leaking = []
        every_site = []
        for key in sorted(keys):
            sizes = [after_call.get(key, (0, 0))[0] for after_call in calls]
            counts = [after_call.get(key, (0, 0))[1] for after_call in calls]
            every_site.append((sizes, counts))
            rate = leak.per_call(sizes)
            if rate > 0:
                leaking.append((-rate, key, sizes, counts))
        leaking.sort()
        leak_sites = []
        for negative_rate, key, sizes, counts in leaking:
            site = dict(self.describe(key))
            site["bytesPerCall"] = _round(-negative_rate)
            site["countPerCall"] = _round((counts[-1] - counts[0]) / (len(counts) - 1))
            site["retainedBytes"] = sizes
            leak_sites.append(site)
        return {
            "iterations": len(series),
            "retainedBytes": totals,
            "bytesPerCall": _round(sum(-item[0] for item in leaking)),
            "steady": leak.rose_steadily(totals, every_site),
            "sites": leak_sites,
        }


def _round(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def lost_tracing_error(name: str, what: str) -> dict:
    """The error of a scenario whose code stopped tracing or cleared its traces: what it
    allocated can no longer be told from the snapshots (it would read as memory freed)."""
    return {
        "type": "TracingStopped",
        "message": "%s %s while it was measured, so its memory cannot be measured: allocdiff"
        " traces allocations with tracemalloc, which the benchmark must leave running"
        % (name, what),
    }


def describe_error(exc: BaseException) -> dict:
    error = {"type": exception_type_name(exc), "message": _safe_str(exc)}
    lines = "".join(format_script_traceback(exc)).splitlines()
    if len(lines) > TRACEBACK_LINES:
        dropped = len(lines) - TRACEBACK_LINES
        lines = ["... (%d earlier lines)" % dropped] + lines[dropped:]
    if lines:
        error["traceback"] = "\n".join(lines)
    return error


def exception_type_name(exc: BaseException) -> str:
    """The name Python's own traceback shows: ``ValueError``, ``app.errors.CacheFull``."""
    cls = type(exc)
    module = getattr(cls, "__module__", None)
    if module in (None, "builtins", "__main__"):
        return cls.__qualname__
    return "%s.%s" % (module, cls.__qualname__)


def format_script_traceback(exc: BaseException) -> list[str]:
    """The traceback as Python prints it, without the harness and runpy frames on top."""
    copied = getattr(type(exc), COPIED_TRACEBACK, None)
    if isinstance(copied, str):
        return [copied]  # raised in a copy of the process, which wrote it (scenarios.py)
    tb = exc.__traceback__
    while tb is not None and is_machinery(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    return traceback.format_exception(type(exc), exc, tb)


def report_failure(exc: BaseException, stream) -> None:
    """Print a failing script's error to ``stream`` the way the interpreter would have."""
    if stream is None:
        return
    if isinstance(exc, SystemExit):
        # The interpreter prints nothing for an exit status, and the value otherwise.
        if exc.code is not None and not isinstance(exc.code, int):
            print(_safe_str(exc.code), file=stream)
    else:
        stream.write("".join(format_script_traceback(exc)))
    stream.flush()


def write_snapshot(document: dict, path: str) -> None:
    """Write the document atomically (a reader sees the old file or the whole new one), in the
    file's layout: one line of compact JSON, the header, then the site columns and the string
    table as binary (``encode_file``)."""
    data = encode_file(document)
    temporary = "%s.%d.tmp" % (path, os.getpid())
    try:
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def encode_file(document: dict) -> bytes:
    """The snapshot file of ``document``. The header is the document itself, UTF-8 JSON on the
    first line (padded with spaces to a multiple of 8 bytes, newline included), except that:

    - each site table (``sites``, ``peak.sites``) is ``{"rows", "at", "repeats"?,
      "tracebacks"?}``: its six columns are binary after the header (columns.py, ``pack``);
    - ``strings`` is ``{"count": N, "at": OFFSET}``: N little-endian unsigned 32-bit ends, then
      the strings' UTF-8 bytes one after the other (string I ends at byte ends[I] of them);
    - ``binaryBytes`` (last) is the number of bytes after the header line.

    Offsets count from the first byte after the header line, and are multiples of 8."""
    body = bytearray()
    scenarios = []
    for scenario in document["scenarios"]:
        scenario = dict(scenario, sites=columns.pack(scenario["sites"], body))
        if "peak" in scenario:
            scenario["peak"] = dict(
                scenario["peak"], sites=columns.pack(scenario["peak"]["sites"], body)
            )
        scenarios.append(scenario)
    strings = [text.encode("utf-8") for text in _valid_unicode(document["strings"])]
    ends, end = array.array(columns.typecode("I")), 0
    for encoded in strings:
        end += len(encoded)
        ends.append(end)
    table = {"count": len(strings), "at": len(body)}
    body += columns.little_endian(ends).tobytes()
    body += b"".join(strings)
    body += bytes(-len(body) % 8)
    header = dict(document, scenarios=_valid_unicode(scenarios), strings=table)
    header.update(_valid_unicode({key: value for key, value in header.items()
                                  if key not in ("scenarios", "strings")}))
    header["binaryBytes"] = len(body)
    line = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return line + b" " * (-(len(line) + 1) % 8) + b"\n" + bytes(body)


def read_snapshot(path: str) -> dict:
    """The document a snapshot file holds (``encode_file`` reversed). Raises ValueError, naming
    the file, for a file of another version or layout, or one cut short."""
    with open(path, "rb") as file:
        data = file.read()
    try:
        return decode_file(data)
    except ValueError as error:
        raise ValueError("snapshot %s: %s" % (path, error)) from None


def decode_file(data: bytes) -> dict:
    """``encode_file`` reversed."""
    end = data.find(b"\n")
    try:
        header = json.loads(data[: len(data) if end < 0 else end].decode("utf-8"))
    except ValueError as error:
        raise ValueError("its header is not JSON (%s)" % error) from None
    if not isinstance(header, dict) or header.get("schema") != SCHEMA:
        schema = header.get("schema") if isinstance(header, dict) else None
        raise ValueError("it has schema %s, not %s" % (json.dumps(schema), SCHEMA))
    body = memoryview(data)[end + 1:]
    if header.get("binaryBytes") != len(body):
        raise ValueError(
            "its header announces %r bytes after it, the file has %d (cut short?)"
            % (header.get("binaryBytes"), len(body))
        )
    document = {key: value for key, value in header.items() if key != "binaryBytes"}
    for scenario in document["scenarios"]:
        scenario["sites"] = columns.unpack(scenario["sites"], body)
        if "peak" in scenario:
            scenario["peak"]["sites"] = columns.unpack(scenario["peak"]["sites"], body)
    table = document["strings"]
    count, at = table["count"], table["at"]
    ends = array.array(columns.typecode("I"))
    ends.frombytes(body[at: at + 4 * count])
    ends = columns.little_endian(ends)
    if len(ends) != count or (count and at + 4 * count + ends[-1] > len(body)):
        raise ValueError("its string table does not fit the bytes after the header")
    text = bytes(body[at + 4 * count: at + 4 * count + (ends[-1] if count else 0)])
    starts = [0] + ends.tolist()
    document["strings"] = [text[starts[i]: starts[i + 1]].decode("utf-8") for i in range(count)]
    return document


def _safe_str(value: object) -> str:
    try:
        return str(value)
    except Exception:  # a broken __str__ in the script must not lose the snapshot
        return "<unprintable %s object>" % type(value).__name__


def _valid_unicode(value):
    """``value`` with every string encodable as UTF-8 (file names may hold undecodable bytes)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            pass
        try:
            # Bytes smuggled in by the filesystem's surrogateescape become U+FFFD.
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {_valid_unicode(key): _valid_unicode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_valid_unicode(item) for item in value]
    return value
