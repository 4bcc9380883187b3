"""100,000 distinct sites still make a compact snapshot: sites are columns, and names and texts
go in a string table."""

from __future__ import annotations

import json
import os
import unittest

from tests.support import HarnessTestCase

MODULES = 1000
LINES = 100


class CompactSnapshotTest(HarnessTestCase):
    def test_a_hundred_thousand_sites(self):
        # Spread over many files: tracemalloc finds a line number by scanning its code
        # object's line table, so one 100,000-line module would take minutes to run.
        files = {"gen/__init__.py": "", "bench.py": (
            "import importlib\n"
            "modules = [importlib.import_module('gen.m%%03d' %% i) for i in range(%d)]\n"
            % MODULES
        )}
        for module in range(MODULES):
            files["gen/m%03d.py" % module] = "".join(
                "v%d = [%d, 's%d_%d']\n" % (line, line, module, line) for line in range(LINES)
            )
        root = self.make_project(files)
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        sites = [s for s in run.sites if s["file"].startswith("gen/m")]
        self.assertEqual(len(sites), MODULES * LINES)

        size = os.path.getsize(run.out_path)
        per_site = size / len(run.sites)
        # Measured: about 44 bytes a site, half of it the line's text; with one object a
        # site and names and texts inline (schema 1) about 100; one object a site with
        # string indexes (schema 2) about 93.
        self.assertLess(per_site, 60, per_site)
        inline = dict(run.snapshot)
        del inline["strings"]
        inline_size = len(json.dumps(inline, separators=(",", ":"), ensure_ascii=False))
        self.assertLess(size, inline_size * 0.6)
        # Each file name is written once, not once per site.
        self.assertEqual(run.raw["strings"].count("gen/m000.py"), 1)
        self.assertLess(len(run.raw["strings"]), len(run.sites) + MODULES + 10)


if __name__ == "__main__":
    unittest.main()
