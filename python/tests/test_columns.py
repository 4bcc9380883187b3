"""The column form of site lists (columns.py), without running the harness."""

from __future__ import annotations

import unittest

from allocdiff_harness import columns

SITES = [
    {"file": 0, "line": 3, "text": 1, "function": 2, "size": 4096, "count": 2},
    {"file": 0, "line": 9, "function": 2, "size": -64, "count": -1,
     "sizes": [-64, 0, -64], "counts": [-1, 0, -1]},
    {"file": 3, "line": 1, "size": 32, "count": 1,
     "tracebacks": [{"size": 32, "count": 1, "frames": [{"file": 3, "line": 1}]}]},
]


class ColumnsTest(unittest.TestCase):
    def test_round_trip(self):
        self.assertEqual(columns.decode(columns.encode(SITES)), SITES)

    def test_layout(self):
        table = columns.encode(SITES)
        self.assertEqual(
            table,
            {
                "file": [0, 0, 3],
                "line": [3, 9, 1],
                "text": [1, -1, -1],
                "function": [2, 2, -1],
                "size": [4096, -64, 32],
                "count": [2, -1, 1],
                "repeats": [[1, [-64, 0, -64], [-1, 0, -1]]],
                "tracebacks": [[2, SITES[2]["tracebacks"]]],
            },
        )

    def test_rare_fields_are_left_out_when_no_site_has_them(self):
        self.assertEqual(list(columns.encode(SITES[:1])), list(columns.COLUMNS))
        self.assertEqual(columns.encode([]), {column: [] for column in columns.COLUMNS})
        self.assertEqual(columns.decode(columns.encode([])), [])

    def test_refuses_columns_that_do_not_line_up(self):
        short = columns.encode(SITES)
        short["size"].pop()
        with self.assertRaisesRegex(ValueError, "site column size has 2 entries, not 3"):
            columns.decode(short)
        for row in (-1, 3):
            beyond = columns.encode(SITES)
            beyond["repeats"][0][0] = row
            with self.assertRaisesRegex(ValueError, "site repeats entry names row %d of 3" % row):
                columns.decode(beyond)


if __name__ == "__main__":
    unittest.main()
