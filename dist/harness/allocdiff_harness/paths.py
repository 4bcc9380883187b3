"""Normalise the file names tracemalloc reports, so base and head worktrees agree.

Base and head are checked out at different absolute paths, and third-party and standard
library files live wherever the interpreter was installed. The snapshot therefore names
project files repo-relative, installed packages as ``site-packages/<path>``, the standard
library as ``<stdlib>/<path>``, and keeps pseudo files (``<frozen os>``, ``<string>``) as given.

Only ``os`` is imported (and no ``__future__``): the harness may normalise while the benchmark
runs (see ``sameas.py``), when a module it loaded would be free for the benchmark to import.
"""

import os

# Debian's system Python installs packages into dist-packages; both mean "third party".
PACKAGE_DIRS = ("site-packages", "dist-packages")


def is_pseudo(filename: str) -> bool:
    """True for names that are not files on disk: ``<frozen os>``, ``<string>``, ``<unknown>``."""
    return not filename or (filename.startswith("<") and filename.endswith(">"))


def resolve(filename: str, cwd: str) -> "str | None":
    """The absolute path of ``filename`` (relative names are relative to ``cwd``), or None."""
    if is_pseudo(filename):
        return None
    return os.path.join(cwd, filename)


def normalize_path(filename: str, *, root: str, stdlib: str, cwd: str) -> str:
    """The snapshot name of ``filename``.

    ``root`` and ``stdlib`` must already be real paths. ``cwd`` is the working directory the
    harness started in: the script may ``chdir`` later, but relative names were relative to it.
    """
    path = resolve(filename, cwd)
    if path is None:
        return filename
    path = os.path.realpath(path)

    under_root = _parts_under(path, root)
    if under_root is not None:
        # A virtualenv inside the project is still third party.
        return _after_package_dir(under_root) or "/".join(under_root)

    packaged = _after_package_dir(_split(path))
    if packaged is not None:
        return packaged

    under_stdlib = _parts_under(path, stdlib)
    if under_stdlib is not None:
        return "<stdlib>/" + "/".join(under_stdlib)

    return path.replace(os.sep, "/")


class PathNormalizer:
    """``normalize_path`` with fixed root/stdlib/cwd and a cache (sites repeat files a lot)."""

    def __init__(self, *, root: str, stdlib: str, cwd: str) -> None:
        self.root = os.path.realpath(root)
        self.stdlib = os.path.realpath(stdlib)
        self.cwd = cwd
        self._cache: dict[str, str] = {}

    def normalize(self, filename: str) -> str:
        name = self._cache.get(filename)
        if name is None:
            name = normalize_path(filename, root=self.root, stdlib=self.stdlib, cwd=self.cwd)
            self._cache[filename] = name
        return name

    def resolve(self, filename: str) -> "str | None":
        return resolve(filename, self.cwd)


def _split(path: str) -> list[str]:
    return [part for part in path.split(os.sep) if part]


def _parts_under(path: str, base: str) -> "list[str] | None":
    """The components of ``path`` below directory ``base``, or None if it is not below it."""
    prefix = base.rstrip(os.sep) + os.sep
    # normcase: on Windows the same directory may be spelled with different case.
    if not os.path.normcase(path).startswith(os.path.normcase(prefix)):
        return None
    parts = _split(path[len(prefix):])
    return parts or None


def _after_package_dir(parts: list[str]) -> "str | None":
    """``site-packages/<rest>`` after the innermost site-/dist-packages component, if any."""
    for index in range(len(parts) - 2, -1, -1):
        if os.path.normcase(parts[index]) in PACKAGE_DIRS:
            return "site-packages/" + "/".join(parts[index + 1:])
    return None
