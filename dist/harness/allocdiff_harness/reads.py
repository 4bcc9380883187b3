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
        objects.HARNESS_CONTAINERS.extend((self.files, self.folders))

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
        for entry in list(sys.path):
            if isinstance(entry, str):
                relative = _relative(entry or os.curdir, self.cwd, root)
                if relative is not None:
                    import_folders.add(relative)
        for module in list(sys.modules.values()):
            filename = getattr(module, "__file__", None)
            if isinstance(filename, str):
                relative = _relative(filename, self.cwd, root)
                if relative is not None:
                    files.add(relative)
        return sorted(files), sorted(folders), sorted(import_folders)


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
