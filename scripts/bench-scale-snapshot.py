"""One pair of inputs of `npm run bench`'s scale section: writes a snapshot of SITES sites with the
harness's own writer (allocdiff_harness.snapshot.write_snapshot, so in the file's real format),
as a script scenario would give it: sites spread over SITES / 500 files (at least 10), each
with its own source line, a function of 40 and a size and count. With `--grow`, one site in
seven holds 64 bytes more (head). Prints the file's size in bytes."""

import sys

from allocdiff_harness import columns, snapshot

path, sites = sys.argv[1], int(sys.argv[2])
grow = "--grow" in sys.argv[3:]

strings = snapshot.StringTable()
files = max(10, -(-sites // 500))
table = {column: [] for column in columns.COLUMNS}
retained_bytes = retained_count = 0
for i in range(sites):
    size = 48 + (i * 37) % 4000 + (64 if grow and i % 7 == 0 else 0)
    count = 1 + i % 5
    table["file"].append(strings.string("pkg/sub_%d/module_%d.py" % (i % 20, i % files)))
    table["line"].append(i // files + 1)
    table["text"].append(strings.string("value_%d = make_record(%d, cache[%d])" % (i, i, i % 97)))
    table["function"].append(strings.string("Handler_%d.process_%d" % (i % 40, i % 13)))
    table["size"].append(size)
    table["count"].append(count)
    retained_bytes += size
    retained_count += count

document = {
    "schema": snapshot.SCHEMA,
    "harness": {"version": "bench"},
    "python": {"version": "3.11.7", "implementation": "CPython"},
    "platform": "linux",
    "frames": 1,
    "repeats": 1,
    "iterations": 0,
    "timings": {"setupSeconds": 0, "totalSeconds": 1},
    "scenarios": [
        {
            "name": "bench.py",
            "kind": "script",
            "status": "ok",
            "peakBytes": 100_000_000,
            "retainedBytes": retained_bytes,
            "retainedCount": retained_count,
            "durationSeconds": 1,
            "repeats": [],
            "sites": table,
        }
    ],
    "strings": strings.strings,
    "unmeasured": [],
}
snapshot.write_snapshot(document, path)
with open(path, "rb") as file:
    print(len(file.read()))
