"""What the benchmark read of its repository: files it opened or imported, folders it listed.

An audit hook (``sys.addaudithook``, installed before the benchmark runs and never removed,
as audit hooks cannot be) notes the paths of ``open`` (``open()``, ``io.open_code``, which the
import system reads sources and cached bytecode with), ``os.listdir``, ``os.scandir`` (``glob``,
``os.walk``) events, each with the working directory of the moment; after the run, the files of every module in
``sys.modules`` are added, for an import that found its cached bytecode still valid reads the
source with ``stat`` only. What stays unseen: existence checks (``os.stat``,
``os.path.exists``), which are not audited, and what other processes read.

The hook keeps a copy of each path, never the benchmark's own object (which would then stay
alive and be counted as retained); its memory is the harness's, left out of every site. Only
``os`` and ``sys`` are used.
"""

import os
import sys

from . import objects

# Audit events whose first argument is a path the benchmark read (a file, or a folder listed).
FILE_EVENTS = frozenset({"open"})
FOLDER_EVENTS = frozenset({"os.listdir", "os.scandir"})


class Reads:
    def __init__(self):
        # One bytes object per path read: the path, NUL, the working directory of the moment.
        self.files = set()
        self.folders = set()
        self.cwd = os.getcwd()
        # What copies of this process (scenarios.py) imported and put on sys.path: {module
        # name: file} and [entry] (``learn``).
        self.copied_modules = {}
        self.copied_path = []
        objects.HARNESS_CONTAINERS.extend(
            (self.files, self.folders, self.copied_modules, self.copied_path)
        )

    def install(self):
        files = self.files
        folders = self.folders
        watched = FILE_EVENTS | FOLDER_EVENTS

        def hook(event, args):
            if event not in watched or not args:
                return
            path = args[0]
            if isinstance(path, int) or path is None:
                return  # a file descriptor: its path was seen when it was opened
            try:
                path = os.fspath(path)
            except TypeError:
                return
            # A fresh object (the benchmark's own path string must not be kept alive), and one
            # only, which no object count sees (objects.HARNESS_CONTAINERS).
            if isinstance(path, str):
                path = path.encode("utf-8", "surrogateescape")
            record = path + b"\0" + os.getcwd().encode("utf-8", "surrogateescape")
            (files if event in FILE_EVENTS else folders).add(record)

        sys.addaudithook(hook)

    def learned(self):
        """In a copy of the process, once it has run: what it read, imported and put on
        sys.path, for the process to ``learn``."""
        modules = {}
        for name, module in list(sys.modules.items()):
            filename = getattr(module, "__file__", None)
            if isinstance(name, str) and isinstance(filename, str):
                modules[name] = filename
        path = [entry for entry in list(sys.path) if isinstance(entry, str)]
        return list(self.files), list(self.folders), modules, path

    def learn(self, learned):
        """Adds what a copy of the process read (``learned``, from the copy)."""
        files, folders, modules, path = learned
        self.files.update(files)
        self.folders.update(folders)
        for name, filename in modules.items():
            if name not in sys.modules:
                self.copied_modules.setdefault(name, filename)
        self.copied_path.extend(entry for entry in path if entry not in self.copied_path)

    def modules(self):
        """``{name: module}``: ``sys.modules``, and a stand-in (its ``__file__``) for each
        module only copies of the process imported."""
        found = dict(sys.modules)
        for name, filename in self.copied_modules.items():
            found.setdefault(name, _Copied(filename))
        return found

    def path(self):
        """``sys.path``, and the entries only copies of the process put there."""
        return list(sys.path) + [entry for entry in self.copied_path if entry not in sys.path]

    def under(self, root):
        """``(files, folders, import_folders)``: sorted paths relative to ``root``
        (``/``-separated, ``.`` for the root itself) of what was read inside it, symlinks
        resolved; ``import_folders`` are the folders of ``sys.path`` inside it."""
        root = os.path.realpath(root)
        files = set()
        folders = set()
        for found, into in ((self.files, files), (self.folders, folders)):
            for record in list(found):
                raw, _, cwd = record.partition(b"\0")
                relative = _relative(os.fsdecode(raw), os.fsdecode(cwd), root)
                if relative is not None:
                    into.add(relative)
        # The import system lists the folders on sys.path (before the hook, for some): a module
        # added there could be imported in place of another.
        import_folders = set()
        for entry in self.path():
            if isinstance(entry, str):
                relative = _relative(entry or os.curdir, self.cwd, root)
                if relative is not None:
                    import_folders.add(relative)
        for module in list(self.modules().values()):
            filename = getattr(module, "__file__", None)
            if isinstance(filename, str):
                relative = _relative(filename, self.cwd, root)
                if relative is not None:
                    files.add(relative)
        return sorted(files), sorted(folders), sorted(import_folders)


class _Copied:
    """A module a copy of the process imported: only its file is known here."""

    def __init__(self, filename):
        self.__file__ = filename


def _relative(path, cwd, root):
    try:
        full = os.path.realpath(os.path.join(cwd, path))
    except (OSError, ValueError):
        return None
    if full == root:
        return "."
    prefix = root.rstrip(os.sep) + os.sep
    if not full.startswith(prefix):
        return None
    return full[len(prefix):].replace(os.sep, "/")
