"""The snapshot document: top-level fields, and valid UTF-8 JSON whatever the source holds."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import unittest

from allocdiff_harness import __version__
from tests.support import HarnessTestCase


class TopLevelFieldsTest(HarnessTestCase):
    def test_fields_describe_the_interpreter_and_the_run(self):
        root = self.make_project({"bench.py": "x = [1, 2, 3]\n"})
        run = self.run_harness(root, "bench.py", frames=3)
        self.assertSnapshotOk(run)
        snapshot = run.snapshot
        interpreter = subprocess.run(
            [sys.executable, "-c", "import platform; print(platform.python_version())"],
            stdout=subprocess.PIPE,
            check=True,
        )
        self.assertEqual(
            list(snapshot),
            ["schema", "harness", "python", "platform", "frames", "repeats", "iterations",
             "timings", "scenarios", "strings", "unmeasured", "reads"],
        )
        self.assertEqual(snapshot["schema"], "allocdiff.snapshot/4")
        self.assertEqual(snapshot["harness"], {"version": __version__})
        self.assertEqual(__version__, "0.3.0")
        self.assertEqual(snapshot["repeats"], 1)
        self.assertEqual(snapshot["iterations"], 0)
        self.assertEqual(set(snapshot["timings"]), {"setupSeconds", "totalSeconds"})
        self.assertGreaterEqual(snapshot["timings"]["totalSeconds"],
                                snapshot["timings"]["setupSeconds"])
        self.assertEqual(snapshot["python"]["version"], interpreter.stdout.decode().strip())
        self.assertEqual(snapshot["python"]["implementation"], platform.python_implementation())
        self.assertIsInstance(snapshot["platform"], str)
        self.assertTrue(snapshot["platform"])
        self.assertEqual(snapshot["frames"], 3)
        self.assertEqual(snapshot["unmeasured"], [])
        self.assertEqual(len(snapshot["scenarios"]), 1)
        scenario = snapshot["scenarios"][0]
        # Peak RSS where /proc tells it (Linux), absent elsewhere.
        rss = ["rssBytes"] if os.path.exists("/proc/self/status") else []
        self.assertEqual(
            list(scenario),
            ["name", "kind", "status", "peakBytes", "retainedBytes", "retainedCount",
             "durationSeconds", *rss, "repeats", "sites"],
        )
        self.assertEqual(
            scenario["repeats"],
            [{key: scenario[key] for key in
              ("peakBytes", "retainedBytes", "retainedCount", "durationSeconds", *rss)}],
        )
        for site in scenario["sites"]:
            self.assertLessEqual(set(site), {"file", "line", "size", "count", "text", "function"})
            self.assertIsInstance(site["line"], int)
        # On disk, sites are columns of equal length, and names and texts are indexes into
        # the string table (-1: none).
        table = run.raw["scenarios"][0]["sites"]
        self.assertEqual(list(table), ["file", "line", "text", "function", "size", "count"])
        self.assertEqual({len(column) for column in table.values()}, {len(scenario["sites"])})
        for field in ("file", "text", "function"):
            self.assertTrue(all(isinstance(index, int) for index in table[field]))
        self.assertTrue(all(index >= 0 for index in table["file"]))
        self.assertTrue(all(isinstance(text, str) for text in snapshot["strings"]))
        self.assertEqual(len(set(snapshot["strings"])), len(snapshot["strings"]))

    def test_the_header_is_one_line_of_compact_json_and_the_columns_follow_it(self):
        root = self.make_project({"bench.py": "x = [1, 2, 3]\n"})
        run = self.run_harness(root, "bench.py")
        with open(run.out_path, "rb") as file:
            data = file.read()
        header, newline, body = data.partition(b"\n")
        self.assertEqual(newline, b"\n")
        self.assertNotIn(b": ", header)
        self.assertEqual((len(header) + 1) % 8, 0)
        parsed = json.loads(header)
        self.assertEqual(parsed["binaryBytes"], len(body))
        self.assertEqual(list(parsed)[-1], "binaryBytes")
        self.assertEqual(len(body) % 8, 0)
        leftovers = [name for name in os.listdir(os.path.dirname(run.out_path)) if ".tmp" in name]
        self.assertEqual(leftovers, [])


class UnusualTextTest(HarnessTestCase):
    def test_a_latin1_source_line_becomes_valid_utf8(self):
        source = (
            b"# -*- coding: latin-1 -*-\n"
            b"greeting = ['caf\xe9 cr\xe8me %d' % i for i in range(100)]\n"
        )
        root = self.make_project({"bench.py": source})
        run = self.run_harness(root, "bench.py")  # the helper decodes strictly as UTF-8
        self.assertSnapshotOk(run)
        [site] = [s for s in run.sites_in("bench.py") if s["line"] == 2]
        expected = "greeting = ['caf\u00e9 cr\u00e8me %d' % i for i in range(100)]"
        self.assertEqual(site["text"], expected)
        self.assertEqual(site["function"], "<module>")

    def test_a_lone_surrogate_in_an_error_message_does_not_break_the_file(self):
        root = self.make_project({"bench.py": "raise ValueError('bad \\udcff byte')\n"})
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(run.scenario["error"]["message"], "bad \ufffd byte")

    def test_a_source_file_whose_text_cannot_be_read_still_gives_its_site(self):
        # Compiled from a string under a file name whose file is then broken on disk.
        root = self.make_project(
            {
                "gen.py": "kept = [str(i) for i in range(100)]\n",
                "bench.py": """\
                    with open("gen.py") as f:
                        code = compile(f.read(), "gen.py", "exec")
                    with open("gen.py", "wb") as f:
                        f.write(b"\\xff\\xfe not python \\x00")
                    exec(code)
                    """,
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        [site] = run.sites_in("gen.py")
        self.assertGreater(site["size"], 0)
        self.assertNotIn("text", site)
        self.assertNotIn("function", site)

    @unittest.skipUnless(sys.platform.startswith("linux"), "needs byte file names")
    def test_a_script_path_that_is_not_utf8_does_not_break_the_file(self):
        root = self.make_project({})
        root_bytes = os.fsencode(root)
        script = os.path.join(root_bytes, b"bench-\xff.py")
        try:
            with open(script, "wb") as file:
                file.write(b"kept = [1, 2, 3, 4]\n")
        except OSError as error:
            self.skipTest("file system refuses the name: %s" % error)
        run = self.run_harness(root, os.fsdecode(script))
        self.assertSnapshotOk(run)
        self.assertEqual(run.scenario["name"], "bench-\ufffd.py")
        self.assertTrue(run.sites_in("bench-\ufffd.py"), run.describe())


if __name__ == "__main__":
    unittest.main()
