"""The snapshot contract: snapshot.schema.json, which every snapshot the tests make is checked
against (tests/support.py), and which the TypeScript side checks too."""

from __future__ import annotations

import copy
import unittest

from allocdiff_harness import snapshot

from tests.schema_check import check_snapshot, load_schema, problems
from tests.support import HarnessTestCase


class SnapshotSchemaTest(HarnessTestCase):
    def real_snapshot(self) -> dict:
        root = self.make_project(
            {"bench.py": "def bench_grow():\n    return [bytearray(100) for _ in range(10)]\n"}
        )
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        return run.raw

    def test_the_harness_writes_the_version_of_the_schema_file(self):
        version = load_schema()["properties"]["schema"]["const"]
        self.assertRegex(version, r"^allocdiff\.snapshot/\d+$")
        self.assertEqual(snapshot.SCHEMA, version)
        self.assertEqual(self.real_snapshot()["schema"], version)

    def test_a_snapshot_that_breaks_the_contract_is_refused_naming_the_place(self):
        document = self.real_snapshot()
        self.assertEqual(problems(document, load_schema()), [])
        cases = {
            "peakBytes": ("a figure that is not whole", 1.5, "scenarios[0].peakBytes"),
            "retainedBytes": ("a figure that is text", "12", "scenarios[0].retainedBytes"),
            "durationSeconds": ("a negative duration", -1.0, "scenarios[0].durationSeconds"),
            "kind": ("an unknown kind", "thread", "scenarios[0].kind"),
            "rogue": ("a field the schema does not have", 1, "scenarios[0]"),
        }
        for field, (what, value, where) in cases.items():
            with self.subTest(what):
                forged = copy.deepcopy(document)
                forged["scenarios"][0][field] = value
                with self.assertRaises(AssertionError) as caught:
                    check_snapshot(forged)
                self.assertIn(where, str(caught.exception))
        forged = copy.deepcopy(document)
        forged["scenarios"][0]["sites"]["size"][0] = float("inf")
        self.assertIn("scenarios[0].sites.size[0]", "".join(problems(forged, load_schema())))
        forged = copy.deepcopy(document)
        del forged["strings"]
        self.assertIn("'strings' is missing", "".join(problems(forged, load_schema())))

    def test_a_schema_keyword_the_checker_does_not_know_is_an_error_not_a_pass(self):
        with self.assertRaisesRegex(ValueError, "patternProperties"):
            problems({}, {"type": "object", "patternProperties": {}})


if __name__ == "__main__":
    unittest.main()
