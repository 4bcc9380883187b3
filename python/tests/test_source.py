"""Which function a line is in, named like __qualname__; and the line's text."""

from __future__ import annotations

import os
import tempfile
import textwrap
import time
import unittest

from allocdiff_harness.source import ScopeMap, SourceIndex, scopes_of

SOURCE = textwrap.dedent(
    """\
    import functools
    CACHE = {}                                   # 2


    @functools.lru_cache(maxsize=None)           # 5
    def top(n):                                  # 6
        return [n] * n                           # 7


    class LRU:                                   # 10
        SIZE = [0] * 10                          # 11

        def put(self, key, value):               # 13
            CACHE[key] = bytearray(value)        # 14

            def helper():                        # 16
                return list(CACHE)               # 17

            return helper                        # 19

        class Node:                              # 21
            async def visit(self):               # 22
                return {}                        # 23


    def one_liner(): return [1, 2, 3]            # 26
    LAST = one_liner()                           # 27
    """
)


class FunctionNameTest(unittest.TestCase):
    def setUp(self):
        self.scopes = ScopeMap(scopes_of(SOURCE))

    def function_at(self, line):
        return self.scopes.at(line)

    def test_module_level_lines_are_module(self):
        for line in (1, 2, 27):
            self.assertEqual(self.function_at(line), "<module>", line)

    def test_functions_methods_and_nesting_follow_qualname(self):
        self.assertEqual(self.function_at(7), "top")
        self.assertEqual(self.function_at(14), "LRU.put")
        self.assertEqual(self.function_at(17), "LRU.put.<locals>.helper")
        self.assertEqual(self.function_at(19), "LRU.put")
        self.assertEqual(self.function_at(23), "LRU.Node.visit")

    def test_class_bodies_are_named_after_the_class(self):
        self.assertEqual(self.function_at(11), "LRU")

    def test_decorators_and_def_lines_belong_to_the_enclosing_scope(self):
        # They run when the enclosing scope executes, not when the function is called.
        self.assertEqual(self.function_at(5), "<module>")
        self.assertEqual(self.function_at(6), "<module>")
        self.assertEqual(self.function_at(13), "LRU")
        self.assertEqual(self.function_at(16), "LRU.put")

    def test_a_one_line_function_is_named_after_the_function(self):
        self.assertEqual(self.function_at(26), "one_liner")

    def test_lines_outside_the_file_are_module(self):
        self.assertEqual(self.function_at(0), "<module>")
        self.assertEqual(self.function_at(10_000), "<module>")
        self.assertEqual(ScopeMap([]).at(1), "<module>")

    def test_the_scope_that_starts_last_wins_and_on_one_line_the_later_one(self):
        # What pre-order gives: an outer scope, then what is nested in it.
        scopes = ScopeMap([(1, 20, "outer"), (3, 8, "a"), (3, 5, "a.inner"), (12, 12, "b")])
        named = {line: scopes.at(line) for line in range(0, 23)}
        self.assertEqual(named[0], "<module>")
        self.assertEqual([named[line] for line in (1, 2)], ["outer", "outer"])
        self.assertEqual([named[line] for line in (3, 4, 5)], ["a.inner"] * 3)
        self.assertEqual([named[line] for line in (6, 7, 8)], ["a"] * 3)
        self.assertEqual([named[line] for line in (9, 11, 12, 13, 20)],
                         ["outer", "outer", "b", "outer", "outer"])
        self.assertEqual(named[21], "<module>")


class ManyFunctionsTest(unittest.TestCase):
    """Naming the sites of a module with tens of thousands of functions stays fast."""

    def test_a_line_in_each_of_20000_functions_in_seconds(self):
        count = 20_000
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        path = os.path.join(directory.name, "many.py")
        with open(path, "w") as file:
            file.writelines("def f%d():\n    return [%d]\n\n" % (i, i) for i in range(count))
        index = SourceIndex()
        started = time.perf_counter()
        names = [index.function_at(path, 3 * i + 2) for i in range(count)]
        elapsed = time.perf_counter() - started
        self.assertEqual(names, ["f%d" % i for i in range(count)])
        self.assertEqual(index.function_at(path, 3 * count), "<module>")
        # Parsing the file takes about a second; a scan of every function per line took
        # minutes. The bound leaves room for a slow machine, not for a scan.
        self.assertLess(elapsed, 15, "%.1f s to name %d sites" % (elapsed, count))


class SourceIndexTest(unittest.TestCase):
    def write(self, data: bytes) -> str:
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        path = os.path.join(directory.name, "m.py")
        with open(path, "wb") as file:
            file.write(data)
        return path

    def test_reads_text_and_function(self):
        path = self.write(SOURCE.encode())
        index = SourceIndex()
        self.assertEqual(index.line_text(path, 14), "CACHE[key] = bytearray(value)        # 14")
        self.assertEqual(index.function_at(path, 14), "LRU.put")

    def test_honours_the_coding_cookie(self):
        path = self.write(b"# coding: latin-1\ndef f():\n    return 'caf\xe9'\n")
        index = SourceIndex()
        self.assertEqual(index.line_text(path, 3), "return 'caf\u00e9'")
        self.assertEqual(index.function_at(path, 3), "f")

    def test_unreadable_or_unparsable_files_give_nothing(self):
        index = SourceIndex()
        missing = os.path.join(tempfile.gettempdir(), "allocdiff-no-such-file.py")
        self.assertIsNone(index.line_text(missing, 1))
        self.assertIsNone(index.function_at(missing, 1))
        broken = self.write(b"def (:\n")
        self.assertIsNone(index.function_at(broken, 1))
        self.assertEqual(index.line_text(broken, 1), "def (:")


if __name__ == "__main__":
    unittest.main()
