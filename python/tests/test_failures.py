"""A failing script still yields a snapshot (status "failed"); bad arguments yield none."""

from __future__ import annotations

import os
import unittest

from tests.support import HarnessTestCase


class FailingScriptTest(HarnessTestCase):
    def test_an_exception_is_recorded_and_the_measurement_completes(self):
        root = self.make_project(
            {
                "bench.py": """\
                    kept = bytearray(200_000)

                    def work():
                        raise ValueError("boom")

                    work()
                    """
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertIsNotNone(run.snapshot, run.describe())
        scenario = run.scenario
        self.assertEqual(scenario["status"], "failed")
        error = scenario["error"]
        self.assertEqual(error["type"], "ValueError")
        self.assertEqual(error["message"], "boom")
        self.assertIn('bench.py", line 6, in <module>', error["traceback"])
        self.assertIn('line 4, in work', error["traceback"])
        self.assertTrue(error["traceback"].endswith("ValueError: boom"), error["traceback"])
        # Harness and runpy frames are not part of the user's traceback.
        self.assertNotIn("allocdiff_harness", error["traceback"])
        self.assertNotIn("runpy", error["traceback"])
        # What the script allocated before failing is still measured, globals included.
        [site] = run.sites_in("bench.py")[:1]
        self.assertEqual(site["line"], 1)
        self.assertAlmostEqual(site["size"], 200_000, delta=300)
        self.assertGreaterEqual(scenario["peakBytes"], 200_000)
        # And the log shows the error as python would have printed it.
        self.assertIn(b"Traceback (most recent call last):", run.stderr)
        self.assertIn(b"ValueError: boom", run.stderr)
        self.assertEqual(run.stdout, b"")

    def test_sys_exit_zero_is_success(self):
        root = self.make_project({"bench.py": "import sys\nkept = [0] * 1000\nsys.exit(0)\n"})
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)
        self.assertNotIn("error", run.scenario)
        self.assertTrue(run.sites_in("bench.py"), run.describe())
        self.assertEqual(run.stderr, b"")

    def test_sys_exit_without_a_code_is_success(self):
        root = self.make_project({"bench.py": "raise SystemExit\n"})
        run = self.run_harness(root, "bench.py")
        self.assertSnapshotOk(run)

    def test_sys_exit_with_a_status_is_a_failure(self):
        root = self.make_project({"bench.py": "import sys\nsys.exit(3)\n"})
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(run.scenario["status"], "failed")
        self.assertEqual(run.scenario["error"]["type"], "SystemExit")
        self.assertEqual(run.scenario["error"]["message"], "3")
        self.assertEqual(run.stderr, b"")  # python prints nothing for an exit status

    def test_sys_exit_with_a_message_prints_it(self):
        root = self.make_project({"bench.py": "import sys\nsys.exit('no data')\n"})
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.scenario["status"], "failed")
        self.assertEqual(run.scenario["error"]["message"], "no data")
        self.assertEqual(run.stderr, b"no data\n")

    def test_keyboard_interrupt_is_a_failure(self):
        root = self.make_project({"bench.py": "raise KeyboardInterrupt\n"})
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(run.scenario["status"], "failed")
        self.assertEqual(run.scenario["error"]["type"], "KeyboardInterrupt")

    def test_a_syntax_error_in_the_script_is_a_failure(self):
        root = self.make_project({"bench.py": "x = (\n"})
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.returncode, 0, run.describe())
        self.assertEqual(run.scenario["status"], "failed")
        self.assertEqual(run.scenario["error"]["type"], "SyntaxError")
        self.assertIn("bench.py", run.scenario["error"]["traceback"])

    def test_an_exception_from_a_project_module_is_named_like_python_names_it(self):
        root = self.make_project(
            {
                "errors.py": "class CacheFull(Exception):\n    pass\n",
                "bench.py": "from errors import CacheFull\nraise CacheFull('full')\n",
            }
        )
        run = self.run_harness(root, "bench.py")
        self.assertEqual(run.scenario["error"]["type"], "errors.CacheFull")
        self.assertEqual(run.scenario["error"]["message"], "full")

    def test_a_long_traceback_keeps_its_last_lines(self):
        root = self.make_project(
            {
                "bench.py": """\
                    def f(n):
                        if n == 0:
                            raise RuntimeError('deep')
                        f(n - 1)

                    f(50)
                    """
            }
        )
        run = self.run_harness(root, "bench.py")
        traceback = run.scenario["error"]["traceback"]
        self.assertLessEqual(len(traceback.splitlines()), 31)
        self.assertTrue(traceback.endswith("RuntimeError: deep"))


class BadArgumentsTest(HarnessTestCase):
    def check_usage_error(self, args, out_path):
        root = self.make_project({"bench.py": "x = 1\n"})
        run = self.run_harness(root, None, args=args, out=out_path)
        self.assertEqual(run.returncode, 2, run.describe())
        self.assertFalse(os.path.exists(out_path))
        self.assertIn(b"allocdiff-harness:", run.stderr)
        self.assertEqual(run.stdout, b"")
        return run

    def test_a_missing_script_is_a_usage_error(self):
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        run = self.check_usage_error(["--script", "nope.py", "--root", ".", "--out", out], out)
        self.assertIn(b"nope.py", run.stderr)

    def test_a_missing_root_is_a_usage_error(self):
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        self.check_usage_error(["--script", "bench.py", "--root", "no/such/dir", "--out", out], out)

    def test_an_out_file_in_a_missing_directory_is_a_usage_error(self):
        out = os.path.join(self.make_temp_dir(), "missing", "snapshot.json")
        self.check_usage_error(["--script", "bench.py", "--root", ".", "--out", out], out)

    def test_required_and_unknown_arguments(self):
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        self.check_usage_error(["--script", "bench.py", "--out", out], out)
        self.check_usage_error(["--script", "bench.py", "--root", ".", "--out", out, "--x"], out)
        self.check_usage_error(["--script", "bench.py", "--root", ".", "--out"], out)

    def test_frames_must_be_a_positive_whole_number(self):
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        for frames in ("0", "-1", "two", "70000"):
            self.check_usage_error(
                ["--script", "bench.py", "--root", ".", "--out", out, "--frames", frames], out
            )

    def test_equals_form_is_accepted(self):
        root = self.make_project({"bench.py": "x = [1]\n"})
        out = os.path.join(self.make_temp_dir(), "snapshot.json")
        args = ["--script=bench.py", "--root=.", "--out=" + out, "--frames=4"]
        run = self.run_harness(root, None, args=args, out=out)
        self.assertSnapshotOk(run)
        self.assertEqual(run.snapshot["frames"], 4)


if __name__ == "__main__":
    unittest.main()
