"""What a site's source line says, and which function it is in."""

from __future__ import annotations

import ast
import linecache

MODULE_SCOPE = "<module>"


class SourceIndex:
    """Reads source files once and answers per-line questions about them."""

    def __init__(self) -> None:
        self._scopes: dict[str, list[tuple[int, int, str]] | None] = {}

    def line_text(self, path: str, lineno: int) -> str | None:
        """The stripped source line, or None when the file cannot be read."""
        try:
            # linecache decodes with the file's coding cookie.
            text = linecache.getline(path, lineno).strip()
        except Exception:  # Python 3.9's linecache lets a bad cookie's SyntaxError through
            return None
        return text or None

    def function_at(self, path: str, lineno: int) -> str | None:
        """``Class.method``, ``outer.<locals>.inner`` or ``<module>``; None if unparsable."""
        if path not in self._scopes:
            self._scopes[path] = _read_scopes(path)
        scopes = self._scopes[path]
        if scopes is None:
            return None
        return innermost_scope(scopes, lineno)


def innermost_scope(scopes: list[tuple[int, int, str]], lineno: int) -> str:
    best = None
    for first, last, qualname in scopes:
        # Scopes are in pre-order, so with ">=" a nested scope starting on the same line wins.
        if first <= lineno <= last and (best is None or first >= best[0]):
            best = (first, qualname)
    return best[1] if best is not None else MODULE_SCOPE


def scopes_of(source: str | bytes) -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every function and class body in ``source``."""
    scopes: list[tuple[int, int, str]] = []
    _collect(ast.parse(source), "", scopes)
    return scopes


def _read_scopes(path: str) -> list[tuple[int, int, str]] | None:
    try:
        with open(path, "rb") as file:
            # Bytes, so ast honours the coding cookie like the interpreter did.
            return scopes_of(file.read())
    except Exception:  # unreadable, not Python, too deeply nested: no function name
        return None


def _collect(node: ast.AST, prefix: str, scopes: list[tuple[int, int, str]]) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            qualname = prefix + child.name
            # The body only: decorators, defaults and the def line itself run in the
            # enclosing scope, so allocations there belong to it.
            scopes.append((child.body[0].lineno, child.end_lineno, qualname))
            is_class = isinstance(child, ast.ClassDef)
            _collect(child, qualname + ("." if is_class else ".<locals>."), scopes)
        else:
            _collect(child, prefix, scopes)
