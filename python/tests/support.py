"""Run the real harness in a real subprocess against small projects built in temp directories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

from allocdiff_harness import columns
from allocdiff_harness.snapshot import read_snapshot

from .schema_check import check_snapshot

# The directory that holds the allocdiff_harness package: what PYTHONPATH must contain.
HARNESS_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class HarnessRun:
    def __init__(self, completed: subprocess.CompletedProcess, out_path: str) -> None:
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.out_path = out_path
        self.snapshot = None
        self.raw = None
        if os.path.exists(out_path):
            # Strict UTF-8: the TypeScript side reads it that way.
            self.raw = read_snapshot(out_path)
            self.snapshot = decode_strings(self.raw)

    def named(self, name: str) -> dict:
        [scenario] = [s for s in self.snapshot["scenarios"] if s["name"] == name]
        return scenario

    @property
    def scenario(self) -> dict:
        return self.snapshot["scenarios"][0]

    @property
    def sites(self) -> list:
        return self.scenario["sites"]

    def sites_in(self, file: str) -> list:
        return [site for site in self.sites if site["file"] == file]

    def describe(self) -> str:
        return "exit %s\nstdout:\n%s\nstderr:\n%s\nsnapshot:\n%s" % (
            self.returncode,
            self.stdout,
            self.stderr,
            json.dumps(self.snapshot, indent=1)[:4000] if self.snapshot else None,
        )


STRING_FIELDS = ("file", "text", "function")


def decode_strings(raw: dict) -> dict:
    """The snapshot with every site's, frame's and leak site's string indexes resolved,
    as the TypeScript side reads it (see src/capture/snapshot.ts), once it has checked it
    against the contract, as that side does."""
    check_snapshot(raw)
    strings = raw["strings"]

    def site(entry: dict) -> dict:
        decoded = dict(entry)
        for field in STRING_FIELDS:
            if field in decoded:
                decoded[field] = strings[decoded[field]]
        if "tracebacks" in decoded:
            decoded["tracebacks"] = [
                dict(traceback, frames=[site(frame) for frame in traceback["frames"]])
                for traceback in decoded["tracebacks"]
            ]
        return decoded

    document = json.loads(json.dumps(raw))
    for scenario in document["scenarios"]:
        scenario["sites"] = [site(entry) for entry in columns.decode(scenario["sites"])]
        if "peak" in scenario:
            peak_sites = columns.decode(scenario["peak"]["sites"])
            scenario["peak"]["sites"] = [site(entry) for entry in peak_sites]
        if "leak" in scenario:
            scenario["leak"]["sites"] = [site(entry) for entry in scenario["leak"]["sites"]]
    return document


class HarnessTestCase(unittest.TestCase):
    maxDiff = None

    def make_project(self, files: dict) -> str:
        """A fresh project root with ``files`` ({relative path: source}); returns its real path."""
        root = os.path.realpath(self.make_temp_dir())
        for relative, content in files.items():
            path = os.path.join(root, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            data = content if isinstance(content, bytes) else textwrap.dedent(content).encode()
            with open(path, "wb") as file:
                file.write(data)
        return root

    def make_temp_dir(self) -> str:
        directory = tempfile.TemporaryDirectory(prefix="allocdiff-test-")
        self.addCleanup(directory.cleanup)
        return directory.name

    def run_harness(
        self, root, script, *, cwd=None, frames=None, args=None, env=None, out=None, wrapper=(),
        extra=(), object_types=False
    ):
        """Run ``python3 -m allocdiff_harness`` like the TypeScript side does.

        Counting objects by type costs a few tenths of a second per scenario under
        tracemalloc, so tests that do not look at it switch it off.
        """
        out_path = out or os.path.join(self.make_temp_dir(), "snapshot.json")
        if args is None:
            args = ["--script", script, "--root", root, "--out", out_path]
            if frames is not None:
                args += ["--frames", str(frames)]
            if not object_types:
                args.append("--no-object-types")
            args += list(extra)
        run_env = dict(os.environ)
        run_env.pop("PYTHONTRACEMALLOC", None)
        # Compiling vs loading .pyc changes the peak; keep every run alike.
        run_env["PYTHONDONTWRITEBYTECODE"] = "1"
        existing = run_env.get("PYTHONPATH")
        run_env["PYTHONPATH"] = HARNESS_PARENT + (os.pathsep + existing if existing else "")
        run_env.update(env or {})
        completed = subprocess.run(
            list(wrapper) + [sys.executable, "-m", "allocdiff_harness"] + args,
            cwd=cwd or root,
            env=run_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=120,
        )
        return HarnessRun(completed, out_path)

    def assertSnapshotOk(self, run: HarnessRun) -> None:
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertIsNotNone(run.snapshot, run.describe())
        self.assertEqual(run.scenario["status"], "ok", run.describe())
