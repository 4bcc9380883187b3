"""Which pytest test files a pull request cannot reach, read from the source alone (``ast``).

Before anything runs, allocdiff rules out the test files whose tests cannot have changed: for
each side's checkout, the import graph of the repository's Python files, and for each test file
its closure: the file, the ``__init__.py`` of the folders above it and above every module in the
closure, its ancestor ``conftest.py`` files, the modules ``-p`` names in pytest's configuration,
and everything these import, transitively, within the repository. A test file is ruled out when,
on both sides,

- no changed file is in its closure, and
- no file of its closure names a changed file in a string literal: its name, its stem, the name
  of a folder above it in the repository, its extension (``".json"``), a ``%``/``{}``/``*``
  pattern that matches its name, or a dotted module name; nor is a changed file under a folder
  or named after the test file (``tests/test_x/…``, ``__snapshots__/test_x.ambr``: what plugins
  such as pytest-regressions read);
- no file of its closure imports or lists what it cannot be read statically
  (``importlib.import_module``, ``__import__``, ``exec``, ``eval``, ``runpy``, ``pkgutil``,
  ``glob``, ``os.walk``, ``os.listdir``, ``os.scandir``, ``iterdir`` with an argument that is
  not a literal), nor fails to parse.

Nothing is ruled out when the pull request changes pytest's or allocdiff's configuration, a
``.pth``, ``sitecustomize.py``, ``setup.py``, or native code.

An import ``a.b.c`` is any repository file whose path ends with ``a/b/c.py`` or
``a/b/c/__init__.py`` (and the packages above it): whatever folder Python imports it from (the
root, ``src``, a folder pytest or a conftest puts on ``sys.path``), it is one of those.
``from a import b`` is ``a`` and, when there is one, the module ``a.b``.

``python -m allocdiff_harness.imports --side BASE_DIR --side HEAD_DIR --changed FILE
[--always PATH] [--command TEXT] --out FILE`` writes::

    {"testFiles": N, "filesRead": M, "ruledOut": [paths], "kept": {path: why},
     "everything": why or null, "otherTests": why or null}

``filesRead`` counts the Python files parsed on either side (a path once); ``otherTests`` says
why pytest may collect tests from files that are not Python (``--doctest-glob``, a
``pytest_collect_file`` hook), whose reach is not known.
"""

import argparse
import ast
import configparser
import fnmatch
import json
import os
import re
import sys

# pytest's and allocdiff's configuration, and what Python runs at start: every test depends on
# them.
CONFIG_NAMES = frozenset(
    {"pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "setup.py", "sitecustomize.py",
     "usercustomize.py", "allocdiff.yml", "allocdiff.yaml"}
)
NATIVE_EXTENSIONS = frozenset(
    {".pth", ".so", ".pyd", ".pyx", ".pxd", ".pxi", ".c", ".cc", ".cpp", ".h", ".hpp", ".rs"}
)
DEFAULT_PYTHON_FILES = ("test_*.py", "*_test.py")
# Calls that import or list what their argument names: with a literal, the literal is enough.
DYNAMIC_IMPORTS = frozenset({"import_module", "__import__", "run_module", "run_path"})
LISTINGS = frozenset({"listdir", "scandir", "walk", "iterdir", "glob", "iglob", "rglob", "fwalk"})
# Of those, the ones a module has (os.walk), not only a path object (Path.iterdir).
MODULE_LISTINGS = frozenset({"listdir", "walk", "fwalk", "iglob"})
ALWAYS_DYNAMIC = frozenset({"exec", "eval", "execfile"})
# What imports modules found by a search: pkgutil's, entry points.
PLUGIN_LOADERS = frozenset(
    {"iter_modules", "walk_packages", "extend_path", "entry_points", "iter_entry_points",
     "load_entry_point"}
)
SKIPPED_FOLDERS = frozenset({".git", "__pycache__", ".hg", ".svn", "node_modules"})
# A placeholder in a format string: %s, %(name)d, {}, {name}, {0:>3}.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}")


class Source:
    """What one Python file imports, names and does, as its syntax tree says."""

    __slots__ = ("path", "imports", "literals", "dynamic")

    def __init__(self, path):
        self.path = path
        # (level, module or None, names): ``import a.b`` is (0, "a.b", ()), ``from .x import
        # y`` (1, "x", ("y",)), ``from a import *`` (0, "a", ("*",)).
        self.imports = []
        self.literals = set()
        self.dynamic = None  # why the file may import or read anything, or None


def read_source(path, relative):
    source = Source(relative)
    try:
        with open(path, "rb") as file:
            tree = ast.parse(file.read(), filename=relative)
    except (SyntaxError, ValueError, OSError) as error:
        source.dynamic = "%s cannot be parsed (%s)" % (relative, type(error).__name__)
        return source
    # Docstrings document; they name no file the code reads (a doctest run by
    # ``--doctest-modules`` is the file's test itself).
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                source.imports.append((0, alias.name, ()))
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            source.imports.append((node.level or 0, node.module, names))
        elif isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
            if id(node) in docstrings:
                continue
            value = node.value
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            if len(value) <= 4096:
                source.literals.add(value)
        elif isinstance(node, ast.JoinedStr):
            # An f-string: its pieces around each value, as a pattern.
            pattern = "".join(
                part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
            )
            source.literals.add(pattern)
        elif isinstance(node, ast.Call):
            _call(source, node, relative)
        elif isinstance(node, ast.Assign) and relative.endswith("conftest.py"):
            # pytest_plugins = ["pkg.fixtures"]: modules pytest imports.
            if any(isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in node.targets):
                for value in ast.walk(node.value):
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        source.imports.append((0, value.value, ()))
    return source


def _where(relative, node, what):
    return "%s:%d uses %s" % (relative, getattr(node, "lineno", 0), what)


def _call(source, node, relative):
    func = node.func
    if isinstance(func, ast.Name):
        name, receiver = func.id, None
    elif isinstance(func, ast.Attribute):
        name, receiver = func.attr, func.value
    else:
        return
    literal = [a.value for a in node.args if isinstance(a, ast.Constant)]
    all_literal = len(literal) == len(node.args) and all(
        isinstance(k.value, ast.Constant) or k.arg == "package" for k in node.keywords
    )
    if name in ALWAYS_DYNAMIC or name in PLUGIN_LOADERS:
        source.dynamic = source.dynamic or _where(relative, node, name + "()")
    elif name in DYNAMIC_IMPORTS:
        if node.args and all_literal and isinstance(literal[0], str):
            if name == "run_path":
                source.literals.add(literal[0])
            else:
                target = literal[0]
                level = len(target) - len(target.lstrip("."))
                source.imports.append((level, target[level:] or None, ()))
        else:
            source.dynamic = source.dynamic or _where(relative, node, name + "()")
    elif name in LISTINGS:
        # os.walk, not ast.walk: the module listings only through os, glob or a bare name.
        if name in MODULE_LISTINGS and receiver is not None and not (
            isinstance(receiver, ast.Name) and receiver.id in ("os", "glob", "scandir")
        ):
            return
        # A literal folder or pattern is a name the literal rule sees; anything else, or no
        # argument (the current folder), lists what cannot be known.
        if not ((node.args and all_literal) or _is_path_literal(receiver)):
            source.dynamic = source.dynamic or _where(relative, node, name + "()")


def _is_path_literal(node):
    """``Path("data")``: a path built from literals only."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Call) and node.args:
        return all(isinstance(a, ast.Constant) for a in node.args)
    return False


class Repository:
    """One side's checkout: its Python files, read once, and their import graph."""

    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.files = set()  # every file, relative, "/"-separated
        self.sources = {}  # Python file -> Source, read on demand
        self.by_suffix = {}  # dotted name suffix -> Python files (modules and packages)
        for folder, folders, names in os.walk(self.root):
            folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS)
            rel_folder = os.path.relpath(folder, self.root).replace(os.sep, "/")
            for name in names:
                relative = name if rel_folder == "." else "%s/%s" % (rel_folder, name)
                self.files.add(relative)
                if name.endswith(".py"):
                    self._index(relative)

    def _index(self, relative):
        parts = relative[: -len(".py")].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        for start in range(len(parts)):
            dotted = ".".join(parts[start:])
            if dotted:
                self.by_suffix.setdefault(dotted, []).append(relative)

    def source(self, relative):
        found = self.sources.get(relative)
        if found is None:
            found = self.sources[relative] = read_source(
                os.path.join(self.root, relative), relative
            )
        return found

    def modules(self, dotted):
        """The files an absolute import of ``dotted`` runs: the module and its packages; when
        no file is ``dotted``, those of the longest dotted prefix that is one (``os.path``,
        ``a.b.NAME``)."""
        while dotted:
            paths = self.by_suffix.get(dotted)
            if paths:
                found = []
                for path in paths:
                    found.append(path)
                    found.extend(self._packages_above(path))
                return found
            dotted = dotted.rpartition(".")[0]
        return []

    def _packages_above(self, path):
        parts = path.split("/")[:-1]
        if path.endswith("/__init__.py"):
            parts = parts[:-1]
        found = []
        while parts:
            init = "/".join(parts) + "/__init__.py"
            if init in self.files:
                found.append(init)
            parts = parts[:-1]
        return found

    def _relative_base(self, path, level):
        """The folder ``from .`` (level 1), ``from ..`` (2) … of ``path`` refers to."""
        parts = path.split("/")[:-1]
        if level - 1 > len(parts):
            return None
        return parts[: len(parts) - (level - 1)]

    def _at(self, parts):
        """The module or package at a folder path (a list of parts), with its packages."""
        stem = "/".join(parts)
        for candidate in (stem + ".py", stem + "/__init__.py"):
            if candidate in self.files:
                return [candidate] + self._packages_above(candidate)
        return []

    def imported_by(self, relative):
        """The repository files ``relative`` imports, directly."""
        source = self.source(relative)
        found = []
        for level, module, names in source.imports:
            if level:
                base = self._relative_base(relative, level)
                if base is None:
                    continue
                parts = base + (module.split(".") if module else [])
                found.extend(self._at(parts))
                for name in names:
                    found.extend(self._star(parts) if name == "*" else self._at(parts + [name]))
                continue
            if not module:
                continue
            found.extend(self.modules(module))
            for name in names:
                if name == "*":
                    for package in self.by_suffix.get(module, ()):
                        if package.endswith("/__init__.py"):
                            found.extend(self._star(package.split("/")[:-1]))
                elif self.by_suffix.get("%s.%s" % (module, name)):
                    found.extend(self.modules("%s.%s" % (module, name)))
        return found

    def _star(self, parts):
        """``from package import *`` may import any module directly in the package."""
        prefix = "/".join(parts) + "/" if parts else ""
        found = []
        for path in self.files:
            if path.startswith(prefix) and path.endswith(".py"):
                rest = path[len(prefix):]
                if "/" not in rest or rest.count("/") == 1 and rest.endswith("/__init__.py"):
                    found.append(path)
        return found

    def closure(self, start):
        """``start`` (a list of Python files) and everything they import in the repository,
        with the packages above each."""
        seen = set()
        todo = list(start)
        while todo:
            path = todo.pop()
            if path in seen or path not in self.files:
                continue
            seen.add(path)
            todo.extend(self._packages_above(path))
            todo.extend(self.imported_by(path))
        return seen

    def conftests_above(self, path):
        parts = path.split("/")[:-1]
        found = []
        while True:
            candidate = "/".join(parts + ["conftest.py"])
            if candidate in self.files:
                found.append(candidate)
            if not parts:
                return found
            parts = parts[:-1]


def pytest_config(repository):
    """``python_files`` patterns, modules ``-p`` loads, and pytest's ``addopts`` (all of a
    ``pyproject.toml`` without ``tomllib``)."""
    patterns = None
    texts = []
    for name, section in (
        ("pytest.ini", "pytest"),
        ("tox.ini", "pytest"),
        ("setup.cfg", "tool:pytest"),
    ):
        path = os.path.join(repository.root, name)
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as file:
            text = file.read()
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text)
        except configparser.Error:
            texts.append(text)
            continue
        if parser.has_option(section, "addopts"):
            texts.append(parser.get(section, "addopts"))
        if parser.has_option(section, "python_files"):
            patterns = patterns or tuple(parser.get(section, "python_files").split())
    path = os.path.join(repository.root, "pyproject.toml")
    if os.path.isfile(path):
        with open(path, encoding="utf-8", errors="replace") as file:
            text = file.read()
        try:
            import tomllib

            options = tomllib.loads(text).get("tool", {}).get("pytest", {})
            options = options.get("ini_options", {})
            addopts = options.get("addopts", "")
            texts.append(" ".join(addopts) if isinstance(addopts, list) else str(addopts))
            value = options.get("python_files")
            if isinstance(value, str):
                value = value.split()
            if isinstance(value, list) and patterns is None:
                patterns = tuple(str(v) for v in value)
        except Exception:  # noqa: BLE001 - no tomllib (Python < 3.11) or a file it refuses
            texts.append(text)
            if "python_files" in text:
                patterns = ("*.py",)
    text = "\n".join(texts)
    return patterns or DEFAULT_PYTHON_FILES, plugins_named(text), text


def plugins_named(text):
    """The modules ``-p name`` loads in a configuration or a command (not ``-p no:name``)."""
    return set(re.findall(r"(?:^|\s)-p\s*([A-Za-z_][\w.]*)", text))


def _file_names(path):
    """A pattern of what names a changed file in a string literal (see the module's
    docstring), and its extension; for Python source, its name and dotted module names only."""
    parts = path.split("/")
    name = parts[-1]
    stem, extension = os.path.splitext(name)
    if extension == ".py":
        modules = parts[:-1] + ([] if stem == "__init__" else [stem])
        names = {name} | {
            ".".join(modules[start:]) for start in range(len(modules) - 1)
        }
        extension = ""
    else:
        names = {name, stem} | {part for part in parts[:-1]}
    names.discard("")
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![A-Za-z0-9])(?:%s)(?![A-Za-z0-9])" % alternatives), extension


def names_file(literals, path, compiled=None):
    """The literal that names ``path`` (see the module's docstring), or None."""
    pattern, extension = compiled or _file_names(path)
    name = path.rsplit("/", 1)[-1]
    python = name.endswith(".py")
    # In order: the same literal is the evidence whatever the hash seed.
    for literal in sorted(literals):
        if not literal:
            continue
        if pattern.search(literal):
            return literal
        if python:
            continue
        if extension and literal == extension:
            return literal
        if PLACEHOLDER.search(literal) or "*" in literal or "?" in literal:
            tail = PLACEHOLDER.sub("*", literal).replace("\\", "/").rsplit("/", 1)[-1]
            if re.search(r"[A-Za-z0-9]{2}", tail) and fnmatch.fnmatchcase(name, tail):
                return literal
    return None


def judge(repositories, changed, always=(), command=""):
    """The document ``main`` writes: for each test file of either side, kept (and why) or
    ruled out."""
    changed = sorted(set(changed))
    result = {
        "testFiles": 0,
        "filesRead": 0,
        "ruledOut": [],
        "kept": {},
        "everything": None,
        "otherTests": None,
    }
    always = set(always)
    for path in changed:
        name = path.rsplit("/", 1)[-1]
        if path in always or name in CONFIG_NAMES:
            result["everything"] = "the pull request changes %s" % path
        elif os.path.splitext(name)[1] in NATIVE_EXTENSIONS:
            result["everything"] = "the pull request changes %s, which is not Python source" % path
    doctests = "--doctest-modules" in command
    other = None
    per_side = []
    for repository in repositories:
        patterns, plugins, text = pytest_config(repository)
        doctests = doctests or "--doctest-modules" in text
        if "doctest-glob" in command or "doctest-glob" in text:
            other = "pytest collects text files too (--doctest-glob)"
        per_side.append((repository, patterns, plugins | plugins_named(command)))
    tests = set()
    for repository, patterns, _ in per_side:
        for path in repository.files:
            name = path.rsplit("/", 1)[-1]
            if not name.endswith(".py") or name in ("conftest.py", "__init__.py"):
                continue
            if doctests or any(fnmatch.fnmatchcase(name, p) for p in patterns):
                tests.add(path)
    result["testFiles"] = len(tests)
    changed_python = {path for path in changed if path.endswith(".py")}
    compiled = {path: _file_names(path) for path in changed}
    for path in sorted(tests):
        why = None
        for repository, _, plugins in per_side:
            if path not in repository.files:
                continue
            start = [path] + repository.conftests_above(path)
            for plugin in plugins:
                start.extend(repository.modules(plugin))
            closure = repository.closure(start)
            why = _reach(repository, path, closure, compiled, changed_python)
            if why:
                break
        if why:
            result["kept"][path] = why
        else:
            result["ruledOut"].append(path)
    read = set()
    for repository, _, _ in per_side:
        read.update(repository.sources)
        if other is None:
            for conftest in (p for p in repository.files if p.endswith("conftest.py")):
                if "pytest_collect_file" in repository.source(conftest).literals or _defines(
                    repository, conftest, "pytest_collect_file"
                ):
                    other = "%s collects files itself (pytest_collect_file)" % conftest
                    break
    result["filesRead"] = len(read)
    result["otherTests"] = other
    if result["everything"]:
        result["kept"].update({path: result["everything"] for path in result["ruledOut"]})
        result["ruledOut"] = []
    return result


def _defines(repository, path, function):
    try:
        with open(os.path.join(repository.root, path), "rb") as file:
            return ("def " + function).encode() in file.read()
    except OSError:
        return False


def _reach(repository, test, closure, changed, changed_python):
    """Why the test file ``test`` (its ``closure``) may reach a changed file; None if not."""
    for path in sorted(closure):
        if path in changed_python:
            return "it runs %s, which the pull request changes" % path
    for path in sorted(closure):
        dynamic = repository.source(path).dynamic
        if dynamic:
            return dynamic
    stem = test.rsplit("/", 1)[-1][: -len(".py")]
    for path, compiled in changed.items():
        if not path.endswith(".py") and (
            stem in path.split("/")[:-1] or stem in path.rsplit("/", 1)[-1]
        ):
            return "%s is named after it" % path
        for source in sorted(closure):
            literal = names_file(repository.source(source).literals, path, compiled)
            if literal is not None:
                return "%s names %s (%r)" % (source, path, literal[:80])
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m allocdiff_harness.imports")
    parser.add_argument("--side", action="append", required=True)
    parser.add_argument("--changed", required=True, help="a file of changed paths, one a line")
    parser.add_argument("--always", action="append", default=[])
    parser.add_argument("--command", default="")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    with open(args.changed, encoding="utf-8") as file:
        changed = [line for line in file.read().split("\n") if line]
    repositories = [Repository(side) for side in args.side]
    result = judge(repositories, changed, args.always, args.command)
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump(result, file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
