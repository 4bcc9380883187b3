"""allocdiff's capture harness: run a Python benchmark under tracemalloc, write a snapshot.

Usage: ``python3 -m allocdiff_harness --script PATH --root DIR --out FILE [options]`` (see ``__main__.USAGE``).
Standard library only; the snapshot format is defined by ``src/capture/snapshot.ts``.
"""

__version__ = "0.3.0"
