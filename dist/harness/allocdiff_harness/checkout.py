"""Each side imports its own code, whatever the environment holds.

base and head are checked out side by side, but they run in one environment, and that
environment usually knows the project already: ``pip install -e .`` leaves a ``.pth`` path
entry or an import hook in site-packages that points at the workspace (where another commit is
checked out), and a side that imported through it would measure that other commit's code.

``Checkout.prepare`` runs before anything of the benchmark does:

- this checkout's import paths (the folders its packaging configuration names, ``src/`` of a
  src layout, then its root; see ``ALLOCDIFF_IMPORT_PATHS``) go on ``sys.path`` ahead of
  site-packages;
- a ``sys.path`` entry inside another root of the repository (the other side's checkout, the
  workspace; see ``ALLOCDIFF_REPOSITORY_ROOTS``), e.g. from a ``.pth`` file, is moved to the
  same place in this checkout, and so are the paths of the editable-install finders it knows
  (setuptools' ``__editable___*_finder`` modules, the finders of ``editables`` and of
  scikit-build-core).

After the run, ``Checkout.foreign_modules`` checks it: a module whose file is inside another
root of the repository fails the side, with ``foreign_error`` saying what to change.

Only ``os`` and ``sys`` are used, and nothing is imported: a module loaded before the
benchmark runs would be free for it to import.
"""

import os
import sys

# Set by allocdiff: the roots of the repository, separated by os.pathsep (the checkouts of
# both sides and the workspace it was run in), and this side's import paths relative to its
# checkout (without it, ``src`` when that folder holds Python code).
ROOTS_VARIABLE = "ALLOCDIFF_REPOSITORY_ROOTS"
IMPORT_PATHS_VARIABLE = "ALLOCDIFF_IMPORT_PATHS"
PACKAGE_DIRS = ("site-packages", "dist-packages")
# Where the editable-install finders keep the paths they import from: setuptools' finder
# module has MAPPING {package: folder} and NAMESPACES {package: [folders]}; the finder of
# ``editables`` (hatchling) has _redirections {module: file}; scikit-build-core's has
# known_source_files {module: file} and submodule_search_locations {package: {folders}}.
FINDER_PATH_TABLES = (
    "MAPPING", "NAMESPACES", "_redirections", "known_source_files", "submodule_search_locations"
)
ERROR_TYPE = "ForeignImport"
LISTED_MODULES = 20


class Checkout:
    """This side's checkout (``root``) among the repository's roots."""

    def __init__(self, root, other_roots=(), import_paths=None, keep=(), prefixes=None):
        self.root = _real(root)
        others = {_real(other) for other in other_roots if other} - {self.root}
        # Longest first: the innermost root a path is in is the one it belongs to.
        self.others = sorted(others, key=len, reverse=True)
        self.import_paths = import_paths
        # Folders that are never redirected nor foreign (the harness's own).
        self.keep = [_real(folder) for folder in keep]
        # Where the interpreter is installed: a virtualenv (or a whole Python) inside the
        # workspace is the environment, not the project.
        if prefixes is None:
            prefixes = (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)
        self.prefixes = sorted({_real(prefix) for prefix in prefixes if prefix})

    @classmethod
    def from_environment(cls, root, environ=None, keep=()):
        environ = os.environ if environ is None else environ
        roots = environ.get(ROOTS_VARIABLE, "").split(os.pathsep)
        paths = environ.get(IMPORT_PATHS_VARIABLE)
        import_paths = None if paths is None else [entry for entry in paths.split(os.pathsep)]
        return cls(root, roots, import_paths, keep)

    def own_paths(self):
        """Absolute folders this checkout's code is imported from: its import paths, then its
        root (folders that do not exist, or lead outside the checkout, are left out)."""
        relative = self.import_paths
        if relative is None:
            relative = ["src"] if _holds_python(os.path.join(self.root, "src")) else []
        paths = []
        for entry in list(relative) + [""]:
            path = os.path.normpath(os.path.join(self.root, entry)) if entry else self.root
            if _inside(path, self.root) and os.path.isdir(path) and path not in paths:
                paths.append(path)
        return paths

    def foreign_root(self, path):
        """The other root of the repository that the real path ``path`` is in, or None (in
        this checkout, in the harness, installed in a virtualenv, or not in the repository)."""
        if _inside(path, self.root) or any(_inside(path, folder) for folder in self.keep):
            return None
        for other in self.others:
            if _inside(path, other):
                below = path[len(other):].split(os.sep)
                # Installed packages (a virtualenv inside the workspace), not the project.
                if any(os.path.normcase(part) in PACKAGE_DIRS for part in below):
                    return None
                for prefix in self.prefixes:
                    if _inside(prefix, other) and _inside(path, prefix):
                        return None
                return other
        return None

    def redirect(self, path):
        """``path`` moved from another root of the repository to the same place in this
        checkout, or None when it is in no other root."""
        if not isinstance(path, str) or not path:
            return None
        real = _real(path)
        other = self.foreign_root(real)
        if other is None:
            return None
        below = real[len(other):].lstrip(os.sep)
        return os.path.join(self.root, below) if below else self.root

    def prepare(self, path=None, meta_path=None, modules=None):
        """Make this checkout win on ``path`` (``sys.path``) and in the editable-install
        finders on ``meta_path``. Returns the import paths put ahead of site-packages."""
        path = sys.path if path is None else path
        meta_path = sys.meta_path if meta_path is None else meta_path
        modules = sys.modules if modules is None else modules
        entries = [self.redirect(entry) or entry for entry in path]
        # Ahead of site-packages, after the standard library (and PYTHONPATH, the script's
        # folder): a project module named like a standard one does not replace it.
        at = len(entries)
        for index, entry in enumerate(entries):
            if _is_package_dir(entry):
                at = index
                break
        before = entries[:at]
        present = {_real(entry) for entry in before}
        own = self.own_paths()
        added = [folder for folder in own if folder not in present]
        # Further down (a .pth entry, now redirected), an own folder would only be a duplicate.
        after = [entry for entry in entries[at:] if not entry or _real(entry) not in own]
        path[:] = before + added + after
        for finder in list(meta_path):
            self._redirect_finder(finder, modules)
        return added

    def _redirect_finder(self, finder, modules):
        holders = [finder]
        module_name = _attribute(finder, "__module__")
        module = modules.get(module_name) if isinstance(module_name, str) else None
        if module is not None:
            holders.append(module)
        for holder in holders:
            for name in FINDER_PATH_TABLES:
                table = _attribute(holder, name)
                if isinstance(table, dict):
                    self._redirect_table(table)

    def _redirect_table(self, table):
        for key, value in list(table.items()):
            if isinstance(value, str):
                moved = self.redirect(value)
                if moved is not None:
                    table[key] = moved
            elif isinstance(value, list):
                value[:] = [self.redirect(item) or item for item in value]
            elif isinstance(value, set):
                moved = {self.redirect(item) or item for item in value}
                value.clear()
                value.update(moved)

    def foreign_modules(self, modules=None, cwd=None):
        """``[(module name, real file, root it is in)]`` of the modules in ``modules``
        (``sys.modules``) whose file is in another root of the repository, sorted by name."""
        modules = sys.modules if modules is None else modules
        found = []
        folders = {}  # real paths of the folders seen: many modules share one
        for name, module in list(modules.items()):
            file = _attribute(module, "__file__")
            if not isinstance(file, str) or not file:
                continue
            if cwd is not None:
                file = os.path.join(cwd, file)
            folder, base = os.path.split(file)
            real_folder = folders.get(folder)
            if real_folder is None:
                real_folder = folders[folder] = _real(folder)
            real = os.path.join(real_folder, base)
            if os.path.islink(real):
                real = _real(real)
            other = self.foreign_root(real)
            if other is not None:
                found.append((name, real, other))
        found.sort()
        return found

    def foreign_error(self, found, path=None):
        """The ``error`` of a scenario on a side that imported the modules ``found`` from
        outside its checkout (``path``: ``sys.path`` as the run left it). The message names the
        first module and says what to change; ``traceback`` lists them all, so a report that
        shortens the message still shows everything."""
        path = sys.path if path is None else path
        name, file, other = found[0]
        message = "%s was imported from %s, in %s (%s), not from this side's checkout (%s)" % (
            name, file, self._describe_root(other), other, self.root
        )
        if len(found) > 1:
            message += ", and %d more module%s" % (len(found) - 1, "" if len(found) == 2 else "s")
        advice = self._advice(file, path)
        message += ": this side would measure another commit's code. " + advice
        lines = ["Modules of the repository imported from outside this side's checkout (%s):"
                 % self.root]
        for name, file, other in found[:LISTED_MODULES]:
            lines.append("  %s from %s (%s)" % (name, file, self._describe_root(other)))
        if len(found) > LISTED_MODULES:
            lines.append("  ... and %d more" % (len(found) - LISTED_MODULES))
        lines.append("What to change: %s." % advice)
        return {"type": ERROR_TYPE, "message": message, "traceback": "\n".join(lines)}

    def _advice(self, file, path):
        entry = self._path_entry_of(file, path)
        if entry is not None:
            return (
                "sys.path holds %s, added while the benchmark ran: do not put a path of the"
                " workspace on sys.path (allocdiff puts this checkout's root, src/ and the"
                " package folders of pyproject.toml or setup.cfg there itself), or make it"
                " relative to the benchmark's own __file__" % entry
            )
        return (
            "an import hook allocdiff cannot redirect found it (an editable install by a build"
            " backend other than setuptools, hatchling or scikit-build-core, or a file the"
            " checkout does not have, such as an extension module built only in the"
            " workspace): install the project in `setup` without -e (`pip install .`), or"
            " build it there"
        )

    def _describe_root(self, other):
        if os.path.dirname(other) == os.path.dirname(self.root):
            return "the other side's checkout"
        return "the workspace allocdiff was run in"

    def _path_entry_of(self, file, path):
        """The ``path`` entry in another root of the repository that ``file`` is under."""
        for entry in path:
            if not isinstance(entry, str) or not entry:
                continue
            real = _real(entry)
            if self.foreign_root(real) is not None and _inside(file, real):
                return entry
        return None


def _attribute(holder, name):
    try:
        return getattr(holder, name, None)
    except Exception:  # a finder or module with an unusual __getattr__
        return None


def _is_package_dir(entry):
    if not isinstance(entry, str):
        return False
    return any(os.path.normcase(part) in PACKAGE_DIRS for part in entry.split(os.sep))


def _holds_python(folder):
    """True when ``folder`` holds a Python module or a package (a src layout's ``src``)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    for name in names:
        if name.endswith(".py"):
            return True
        if os.path.isfile(os.path.join(folder, name, "__init__.py")):
            return True
    return False


def _inside(path, folder):
    """True when the real path ``path`` is ``folder`` or below it."""
    if os.path.normcase(path) == os.path.normcase(folder):
        return True
    prefix = folder.rstrip(os.sep) + os.sep
    return os.path.normcase(path).startswith(os.path.normcase(prefix))


def _real(path):
    try:
        return os.path.realpath(path or os.curdir)
    except (OSError, ValueError, TypeError):
        return path
