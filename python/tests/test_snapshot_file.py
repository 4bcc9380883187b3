"""The snapshot file's layout: a JSON header line, then the site columns and strings as binary."""

from __future__ import annotations

import json
import os
import struct
import unittest

from allocdiff_harness import columns, snapshot
from tests.support import HarnessTestCase

DOCUMENT = {
    "schema": snapshot.SCHEMA,
    "scenarios": [
        {
            "name": "bench_a",
            "sites": columns.encode([
                {"file": 0, "line": 7, "text": 1, "function": 2, "size": 2 ** 40 + 3, "count": 5},
                {"file": 3, "line": 4_000_000_000, "size": -4096, "count": -2,
                 "sizes": [-4096, 0], "counts": [-2, 0]},
            ]),
            "peak": {"bytes": 10, "peakBytes": 12, "sites": columns.encode([
                {"file": 3, "line": 1, "text": 4, "size": 10, "count": 1,
                 "tracebacks": [{"size": 10, "count": 1, "frames": [{"file": 3, "line": 1}]}]},
            ])},
        },
        {"name": "bench_empty", "sites": columns.encode([])},
    ],
    "strings": ["app/módulo.py", "cache = {}", "LRU.put", "<stdlib>/json/decoder.py", "é☃"],
    "unmeasured": [],
}


class FileLayoutTest(unittest.TestCase):
    def test_round_trip(self):
        data = snapshot.encode_file(DOCUMENT)
        self.assertEqual(snapshot.decode_file(data), DOCUMENT)

    def test_columns_are_little_endian_arrays_where_the_header_says(self):
        data = snapshot.encode_file(DOCUMENT)
        header_line, _, body = data.partition(b"\n")
        header = json.loads(header_line)
        table = header["scenarios"][0]["sites"]
        self.assertEqual(set(table), {"rows", "at", "repeats"})
        rows, at = table["rows"], table["at"]
        self.assertEqual(rows, 2)
        size = struct.unpack_from("<2d", body, at)
        count = struct.unpack_from("<2d", body, at + 16)
        file, line = struct.unpack_from("<2I", body, at + 32), struct.unpack_from("<2I", body, at + 40)
        text, function = struct.unpack_from("<2i", body, at + 48), struct.unpack_from("<2i", body, at + 56)
        self.assertEqual(size, (2 ** 40 + 3, -4096))
        self.assertEqual(count, (5, -2))
        self.assertEqual(file, (0, 3))
        self.assertEqual(line, (7, 4_000_000_000))
        self.assertEqual(text, (1, -1))
        self.assertEqual(function, (2, -1))
        strings = header["strings"]
        ends = struct.unpack_from("<%dI" % strings["count"], body, strings["at"])
        start = strings["at"] + 4 * strings["count"]
        self.assertEqual(body[start:start + ends[0]].decode("utf-8"), "app/módulo.py")
        self.assertEqual(body[start + ends[3]:start + ends[4]].decode("utf-8"), "é☃")

    def test_a_file_cut_short_or_of_another_version_is_refused(self):
        data = snapshot.encode_file(DOCUMENT)
        with self.assertRaisesRegex(ValueError, r"announces \d+ bytes after it, the file has"):
            snapshot.decode_file(data[:-8])
        older = json.dumps({"schema": "allocdiff.snapshot/3", "scenarios": []}).encode()
        with self.assertRaisesRegex(ValueError, 'schema "allocdiff.snapshot/3", not allocdiff'):
            snapshot.decode_file(older)
        header_line, _, body = data.partition(b"\n")
        header = json.loads(header_line)
        header["scenarios"][0]["sites"]["rows"] = 10 ** 6
        forged = json.dumps(header).encode() + b"\n" + body
        with self.assertRaisesRegex(ValueError, "does not fit the"):
            snapshot.decode_file(forged)


class KnownAllocationTest(HarnessTestCase):
    def test_the_columns_hold_the_sizes_the_benchmark_allocated(self):
        root = self.make_project({
            "bench.py": "kept = bytearray(3_000_000)\nmore = [bytearray(1000) for _ in range(200)]\n",
        })
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        by_line = {site["line"]: site for site in run.sites_in("bench.py")}
        self.assertGreaterEqual(by_line[1]["size"], 3_000_000)
        self.assertLess(by_line[1]["size"], 3_000_200)
        self.assertIn(by_line[1]["count"], (1, 2))  # the buffer, and the object itself
        self.assertEqual(by_line[1]["text"], "kept = bytearray(3_000_000)")
        self.assertGreaterEqual(by_line[2]["size"], 200_000)
        self.assertGreaterEqual(by_line[2]["count"], 200)
        # Read from the bytes alone: the largest site is row 0 (largest first).
        with open(run.out_path, "rb") as file:
            header_line, _, body = file.read().partition(b"\n")
        at = json.loads(header_line)["scenarios"][0]["sites"]["at"]
        self.assertEqual(struct.unpack_from("<d", body, at)[0], by_line[1]["size"])
        self.assertTrue(os.path.getsize(run.out_path) % 8 == 0)


if __name__ == "__main__":
    unittest.main()
