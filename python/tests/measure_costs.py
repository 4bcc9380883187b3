"""What the harness's options cost: run with ``python3 python/tests/measure_costs.py``.

Not a test (the name keeps unittest from collecting it): it prints wall-clock figures for
a dict/JSON workload, as a whole script and as bench_ functions, with frames 1 vs 10, with
and without object counts, peak sites, repeats and a leak check; and the size and load time
of a snapshot with 100,000 sites. Median of ``RUNS`` runs each.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HARNESS_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, HARNESS_PARENT)
from allocdiff_harness import columns, snapshot  # noqa: E402

RUNS = 3

WORKLOAD = """\
import json

def build():
    return [{"id": i, "name": "item%d" % i, "tags": ["a", "b", str(i)],
             "attrs": {"x": i * 2, "y": str(i) * 3}} for i in range(20_000)]

def roundtrip(data):
    return json.loads(json.dumps(data))

def index(rows):
    return {row["name"]: row for row in rows}
"""

SCRIPT = WORKLOAD + """
data = build()
copy = roundtrip(data)
table = index(copy)
"""

FUNCTIONS = WORKLOAD + """
DATA = build()

def bench_build():
    return build()

def bench_roundtrip():
    return roundtrip(DATA)

def bench_index():
    return index(DATA)
"""


def run(root: str, script: str, extra: list) -> tuple:
    out = os.path.join(root, "snapshot.json")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0",
               PYTHONPATH=HARNESS_PARENT)
    env.pop("PYTHONTRACEMALLOC", None)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "allocdiff_harness", "--script", script, "--root", root,
         "--out", out] + extra,
        cwd=root, env=env, check=True, stdout=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    return elapsed, snapshot.read_snapshot(out)


def median_run(root, script, extra):
    times = []
    document = None
    for _ in range(RUNS):
        elapsed, document = run(root, script, extra)
        times.append(elapsed)
    return statistics.median(times), document


def report(label, seconds, base=None):
    ratio = "" if base is None else "  (%.2fx)" % (seconds / base)
    print("  %-46s %7.3f s%s" % (label, seconds, ratio))


def main() -> None:
    root = tempfile.mkdtemp(prefix="allocdiff-costs-")
    try:
        for name, source in (("script.py", SCRIPT), ("functions.py", FUNCTIONS)):
            with open(os.path.join(root, name), "w") as file:
                file.write(source)
        print("Python %s; median of %d runs, whole harness process" % (sys.version.split()[0],
                                                                    RUNS))
        for script in ("script.py", "functions.py"):
            print(script)
            base, _ = median_run(root, script, ["--no-object-types"])
            report("frames 1, no object counts", base)
            for label, extra in (
                ("frames 10", ["--frames", "10", "--no-object-types"]),
                ("frames 1 + object counts (default)", []),
                ("frames 1 + peak sites", ["--peak-sites", "--no-object-types"]),
                ("frames 1, repeats 3", ["--repeats", "3", "--no-object-types"]),
                ("frames 1, iterations 5", ["--iterations", "5", "--no-object-types"]),
            ):
                seconds, document = median_run(root, script, extra)
                report(label, seconds, base)
            # The second pass: tracebacks for the three largest sites only.
            _, document = run(root, script, ["--no-object-types"])
            strings = document["strings"]
            sites = [
                site
                for scenario in document["scenarios"]
                for site in columns.decode(scenario["sites"])
            ]
            sites.sort(key=lambda site: -site["size"])
            wanted = os.path.join(root, "sites.txt")
            with open(wanted, "w") as file:
                for site in sites[:3]:
                    file.write("%s:%d\n" % (strings[site["file"]], site["line"]))
            seconds, _ = median_run(root, script, ["--frames", "10", "--traceback-sites",
                                                   wanted, "--no-object-types"])
            report("frames 10 + tracebacks for 3 sites", seconds, base)
        measure_compact(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def measure_compact(root: str) -> None:
    project = os.path.join(root, "compact")
    os.makedirs(os.path.join(project, "gen"))
    open(os.path.join(project, "gen", "__init__.py"), "w").close()
    for module in range(1000):
        with open(os.path.join(project, "gen", "m%03d.py" % module), "w") as file:
            file.write("".join("v%d = [%d, 's%d_%d']\n" % (line, line, module, line)
                               for line in range(100)))
    with open(os.path.join(project, "bench.py"), "w") as file:
        file.write("import importlib\nmodules = [importlib.import_module('gen.m%03d' % i)"
                   " for i in range(1000)]\n")
    seconds, document = run(project, "bench.py", ["--no-object-types"])
    path = os.path.join(project, "snapshot.json")
    size = os.path.getsize(path)
    sites = len(document["scenarios"][0]["sites"]["line"])
    with open(path, "rb") as file:
        data = file.read()
    started = time.perf_counter()
    snapshot.decode_file(data)
    python_load = time.perf_counter() - started
    strings = document["strings"]
    for scenario in document["scenarios"]:
        scenario["sites"] = columns.decode(scenario["sites"])
        for site in scenario["sites"]:
            for field in ("file", "text", "function"):
                if field in site:
                    site[field] = strings[site[field]]
    del document["strings"]
    inline = len(json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode())
    print("snapshot with %d sites (harness run %.1f s)" % (sites, seconds))
    print("  %d bytes: %.1f bytes a site (names and texts inline, one object a site as in schema 1: %.1f)"
          % (size, size / sites, inline / sites))
    print("  read_snapshot in Python: %.0f ms" % (python_load * 1000))
    node = shutil.which("node")
    if node:
        script = ("const t=performance.now();const b=require('fs').readFileSync(%s);"
                  "JSON.parse(b.toString('utf8',0,b.indexOf(10)));"
                  "console.log((performance.now()-t).toFixed(0))" % json.dumps(path))
        took = subprocess.run([node, "-e", script], stdout=subprocess.PIPE, check=True)
        print("  read + JSON.parse of the header in Node: %s ms" % took.stdout.decode().strip())


if __name__ == "__main__":
    main()
