"""What a site's source line says, and which function it is in."""

from __future__ import annotations

import ast
import bisect
import heapq
import linecache

MODULE_SCOPE = "<module>"


class SourceIndex:
    """Reads source files once and answers per-line questions about them."""

    def __init__(self) -> None:
        self._scopes: dict[str, ScopeMap | None] = {}

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
            scopes = _read_scopes(path)
            self._scopes[path] = ScopeMap(scopes) if scopes is not None else None
        scopes = self._scopes[path]
        if scopes is None:
            return None
        return scopes.at(lineno)


class ScopeMap:
    """The innermost scope of each line, found by bisection.

    Of the scopes holding a line, the innermost is the one that starts last; between two that
    start on the same line, the later in ``scopes`` (pre-order: the nested one). The lines are
    cut once into runs that share their innermost scope, so a file with many functions costs
    O(n log n) to index and O(log n) per line, not O(n) per line.
    """

    def __init__(self, scopes: list[tuple[int, int, str]]) -> None:
        # Each run starts at a scope's first line or just past a scope's last line.
        cuts = sorted({first for first, _, _ in scopes} | {last + 1 for _, last, _ in scopes})
        starting: dict[int, list[int]] = {}
        for index, (first, _, _) in enumerate(scopes):
            starting.setdefault(first, []).append(index)
        self._starts: list[int] = []
        self._names: list[str] = []
        # Open scopes, innermost on top: keyed by (first line, position) negated for heapq.
        open_scopes: list[tuple[int, int, int]] = []
        for cut in cuts:
            for index in starting.get(cut, ()):
                first, last, _ = scopes[index]
                heapq.heappush(open_scopes, (-first, -index, last))
            # Scopes that ended before this line leave when they reach the top.
            while open_scopes and open_scopes[0][2] < cut:
                heapq.heappop(open_scopes)
            name = scopes[-open_scopes[0][1]][2] if open_scopes else MODULE_SCOPE
            if not self._names or self._names[-1] != name:
                self._starts.append(cut)
                self._names.append(name)

    def at(self, lineno: int) -> str:
        """``Class.method``, ``outer.<locals>.inner`` or ``<module>`` for a line."""
        run = bisect.bisect_right(self._starts, lineno) - 1
        return self._names[run] if run >= 0 else MODULE_SCOPE


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


# What can hold a def or a class: statements, except clauses and match cases. Expressions
# cannot, so they are not walked.
_BLOCKS = tuple(
    getattr(ast, name) for name in ("stmt", "excepthandler", "match_case") if hasattr(ast, name)
)


def _collect(node: ast.AST, prefix: str, scopes: list[tuple[int, int, str]]) -> None:
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, _BLOCKS):
            continue
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            qualname = prefix + child.name
            # The body only: decorators, defaults and the def line itself run in the
            # enclosing scope, so allocations there belong to it.
            scopes.append((child.body[0].lineno, child.end_lineno, qualname))
            is_class = isinstance(child, ast.ClassDef)
            _collect(child, qualname + ("." if is_class else ".<locals>."), scopes)
        else:
            _collect(child, prefix, scopes)
