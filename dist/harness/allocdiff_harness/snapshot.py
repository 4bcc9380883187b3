"""Turn a measurement into the snapshot document (see src/capture/snapshot.ts) and write it."""

from __future__ import annotations

import json
import os
import platform
import sysconfig
import traceback

from . import __version__
from .capture import Measurement, is_machinery
from .paths import PathNormalizer
from .source import SourceIndex

SCHEMA = "allocdiff.snapshot/1"
TRACEBACK_LINES = 30


def build_snapshot(
    measurement: Measurement, *, script_path: str, root: str, cwd: str, frames: int
) -> dict:
    paths = PathNormalizer(root=root, stdlib=sysconfig.get_paths()["stdlib"], cwd=cwd)
    sites = build_sites(measurement.stats, paths, SourceIndex())
    scenario = {
        "name": paths.normalize(script_path),
        "kind": "script",
        "status": "ok" if measurement.error is None else "failed",
    }
    if measurement.error is not None:
        scenario["error"] = describe_error(measurement.error)
    scenario.update(
        {
            "peakBytes": measurement.peak_bytes,
            "retainedBytes": sum(site["size"] for site in sites),
            "retainedCount": sum(site["count"] for site in sites),
            "durationSeconds": measurement.duration_seconds,
            "sites": sites,
        }
    )
    return {
        "schema": SCHEMA,
        "harness": {"version": __version__},
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
        },
        "platform": platform.platform(),
        "frames": frames,
        "scenarios": [scenario],
        "unmeasured": measurement.unmeasured,
    }


def build_sites(stats: list, paths: PathNormalizer, source: SourceIndex) -> list[dict]:
    """One site per normalised file:line, largest retained size first."""
    totals: dict[tuple[str, int], list] = {}
    for stat in stats:
        frame = stat.traceback[0]
        key = (paths.normalize(frame.filename), frame.lineno)
        # Two spellings of one file (relative and absolute, symlinks) become one site.
        total = totals.setdefault(key, [0, 0, frame.filename])
        total[0] += stat.size_diff
        total[1] += stat.count_diff

    sites = []
    for (file, line), (size, count, filename) in totals.items():
        if size == 0 and count == 0:
            continue
        site: dict = {"file": file, "line": line, "size": size, "count": count}
        local_path = paths.resolve(filename)
        if local_path is not None:
            text = source.line_text(local_path, line)
            if text is not None:
                site["text"] = text
            function = source.function_at(local_path, line)
            if function is not None:
                site["function"] = function
        sites.append(site)
    sites.sort(key=lambda site: (-site["size"], site["file"], site["line"]))
    return sites


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
    """Write the JSON atomically: a reader sees the old file or the whole new one."""
    data = json.dumps(_valid_unicode(document), ensure_ascii=False, separators=(",", ":"))
    temporary = "%s.%d.tmp" % (path, os.getpid())
    try:
        with open(temporary, "wb") as file:
            file.write(data.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


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
