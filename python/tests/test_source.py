"""Which function a line is in, named like __qualname__; and the line's text."""

from __future__ import annotations

import os
import tempfile
import textwrap
import unittest

from allocdiff_harness.source import SourceIndex, innermost_scope, scopes_of

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
        self.scopes = scopes_of(SOURCE)

    def function_at(self, line):
        return innermost_scope(self.scopes, line)

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
