"""normalize_path: how file names are written so that base and head worktrees agree."""

from __future__ import annotations

import os
import tempfile
import unittest

from allocdiff_harness.paths import PathNormalizer, is_pseudo, normalize_path

ROOT = "/work/trees/head-0001"
STDLIB = "/opt/python/lib/python3.11"
CWD = ROOT


def normalize(filename, cwd=CWD):
    return normalize_path(filename, root=ROOT, stdlib=STDLIB, cwd=cwd)


@unittest.skipIf(os.sep != "/", "POSIX paths")
class NormalizePathTest(unittest.TestCase):
    def test_project_files_are_repo_relative(self):
        self.assertEqual(normalize(ROOT + "/app/cache.py"), "app/cache.py")
        self.assertEqual(normalize(ROOT + "/bench.py"), "bench.py")
        self.assertEqual(normalize(ROOT + "/app/../app/./cache.py"), "app/cache.py")

    def test_a_sibling_directory_with_a_common_prefix_is_not_the_root(self):
        self.assertEqual(normalize(ROOT + "-old/app.py"), ROOT + "-old/app.py")

    def test_site_packages_are_named_after_the_package(self):
        self.assertEqual(
            normalize("/opt/python/lib/python3.11/site-packages/requests/api.py"),
            "site-packages/requests/api.py",
        )
        self.assertEqual(
            normalize("/home/u/.venv/lib/python3.11/site-packages/numpy/core/_methods.py"),
            "site-packages/numpy/core/_methods.py",
        )

    def test_dist_packages_count_as_site_packages(self):
        self.assertEqual(
            normalize("/usr/lib/python3/dist-packages/yaml/__init__.py"),
            "site-packages/yaml/__init__.py",
        )

    def test_a_virtualenv_inside_the_project_is_still_third_party(self):
        self.assertEqual(
            normalize(ROOT + "/.venv/lib/python3.11/site-packages/attr/_make.py"),
            "site-packages/attr/_make.py",
        )

    def test_the_standard_library_is_named_stdlib(self):
        self.assertEqual(normalize(STDLIB + "/json/decoder.py"), "<stdlib>/json/decoder.py")
        self.assertEqual(normalize(STDLIB + "/tracemalloc.py"), "<stdlib>/tracemalloc.py")

    def test_relative_names_are_relative_to_the_starting_directory(self):
        self.assertEqual(normalize("bench/mem.py"), "bench/mem.py")
        self.assertEqual(normalize("./lib/gen.py"), "lib/gen.py")
        self.assertEqual(normalize("mem.py", cwd=ROOT + "/bench"), "bench/mem.py")
        self.assertEqual(normalize("json/decoder.py", cwd=STDLIB), "<stdlib>/json/decoder.py")

    def test_pseudo_files_stay_as_given(self):
        for name in ("<frozen os>", "<frozen importlib._bootstrap>", "<string>", "<unknown>",
                     "<stdin>", "<ipython-input-1-abc>", ""):
            self.assertEqual(normalize(name), name)
            self.assertTrue(is_pseudo(name))
        self.assertFalse(is_pseudo("app/<odd>.py"))

    def test_other_absolute_files_stay_absolute(self):
        self.assertEqual(normalize("/srv/shared/tool.py"), "/srv/shared/tool.py")

    def test_symlinks_are_resolved_before_matching(self):
        with tempfile.TemporaryDirectory() as temp:
            temp = os.path.realpath(temp)
            root = os.path.join(temp, "root")
            os.makedirs(os.path.join(root, "app"))
            with open(os.path.join(root, "app", "real.py"), "w"):
                pass
            link = os.path.join(temp, "link")
            os.symlink(root, link)
            normalizer = PathNormalizer(root=link, stdlib=STDLIB, cwd=temp)
            via_link = os.path.join(link, "app", "real.py")
            self.assertEqual(normalizer.normalize(via_link), "app/real.py")
            self.assertEqual(normalizer.normalize("root/app/real.py"), "app/real.py")
            self.assertEqual(
                normalizer.resolve("root/app/real.py"), os.path.join(temp, "root/app/real.py")
            )
            self.assertIsNone(normalizer.resolve("<string>"))


if __name__ == "__main__":
    unittest.main()
