"""What the benchmark read of its repository, recorded by an audit hook: files opened or
imported, folders listed; nothing outside the root; the benchmark's own objects never kept."""

from __future__ import annotations

import os
import unittest

from tests.support import HarnessTestCase


class ReadsTest(HarnessTestCase):
    def reads_of(self, files, outside=None):
        root = self.make_project(files)
        env = {"OUTSIDE_FILE": outside} if outside else {}
        run = self.run_harness(root, "bench.py", env=env)
        self.assertSnapshotOk(run)
        return run, run.raw["reads"]

    def test_records_files_opened_and_imported_and_folders_listed(self):
        _, reads = self.reads_of(
            {
                "bench.py": """\
                    import os
                    from pkg import helper
                    with open("data/rows.csv") as f:
                        ROWS = f.read()
                    NAMES = sorted(os.listdir("data"))
                    ENTRIES = [e.name for e in os.scandir("pkg")]
                    """,
                "pkg/__init__.py": "",
                "pkg/helper.py": "VALUE = 1\n",
                "data/rows.csv": "a,b\n",
                "data/unread.csv": "c,d\n",
                "README.md": "not read\n",
            }
        )
        for path in ("bench.py", "pkg/__init__.py", "pkg/helper.py", "data/rows.csv"):
            self.assertIn(path, reads["files"])
        self.assertNotIn("data/unread.csv", reads["files"])
        self.assertNotIn("README.md", reads["files"])
        self.assertIn("data", reads["folders"])
        self.assertIn("pkg", reads["folders"])
        # The script's folder is on sys.path: the import system searches it.
        self.assertIn(".", reads["importFolders"])

    def test_leaves_out_what_is_outside_the_repository(self):
        outside = os.path.join(self.make_temp_dir(), "elsewhere.txt")
        with open(outside, "w", encoding="utf-8") as file:
            file.write("x")
        _, reads = self.reads_of(
            {"bench.py": "import os\nwith open(os.environ['OUTSIDE_FILE']) as f:\n    f.read()\n"},
            outside=outside,
        )
        self.assertEqual(reads["files"], ["bench.py"])
        self.assertFalse(any("elsewhere" in path for path in reads["files"]))

    def test_a_relative_path_is_read_from_the_folder_the_benchmark_was_in(self):
        _, reads = self.reads_of(
            {
                "bench.py": "import os\nos.chdir('sub')\nwith open('inner.txt') as f:\n    f.read()\n",
                "sub/inner.txt": "x",
            }
        )
        self.assertIn("sub/inner.txt", reads["files"])

    def test_the_hook_keeps_none_of_the_benchmarks_path_strings_alive(self):
        run, reads = self.reads_of(
            {
                "bench.py": """\
                    PARTS = ["data/", "rows.csv"]
                    path = "".join(PARTS)
                    with open(path) as f:
                        f.read()
                    del path, f  # the file object names its path too
                    """,
                "data/rows.csv": "a,b\n",
            }
        )
        self.assertIn("data/rows.csv", reads["files"])
        # The joined string was freed: nothing is retained at its line.
        self.assertEqual([s for s in run.sites_in("bench.py") if s["line"] == 2], [])


if __name__ == "__main__":
    unittest.main()
