"""What an earlier run of the same side measured, so that repeats can stop once they are proven.

Memory figures are deterministic for the same interpreter, code and inputs; repeats exist to
tell noise from change. When the first call of a ``bench_*`` function measures exactly what an
earlier run (another process) measured for it, the figures have been reproduced and further
repeats add nothing: the function makes none, and its scenario records the runs that agreed.

The earlier figures come in a file allocdiff writes (``--same-as``), one record a line, fields
separated by single spaces, a file name last (it may hold spaces)::

    function bench_parse 1234 567 8
    site 12 480 3 app/parse.py

``function NAME PEAK RETAINED BLOCKS`` starts a function's figures (repeat 1's peak, retained
bytes and blocks); each ``site LINE SIZE COUNT FILE`` that follows is one of its sites, named
as the snapshot names it. Only ``os`` and ``sys`` are used, and the normaliser (paths.py)
imports nothing more: this runs while the benchmark does.
"""

import os

from .paths import PathNormalizer


class Figures:
    """One function's figures: totals of repeat 1 and its sites, as the snapshot has them."""

    def __init__(self, peak, retained, count):
        self.peak = peak
        self.retained = retained
        self.count = count
        self.sites = {}  # {(normalised file, line): (size, count)}


def read(path):
    """``{function name: Figures}`` from a ``--same-as`` file. Raises OSError when it cannot be
    read, ValueError (naming the line) for a line that is not a record."""
    with open(path, "rb") as file:
        data = file.read()
    figures = {}
    current = None
    for number, raw in enumerate(data.split(b"\n"), 1):
        line = os.fsdecode(raw.rstrip(b"\r"))
        if not line:
            continue
        kind, _, rest = line.partition(" ")
        fields = rest.split(" ", 3)
        try:
            if kind == "function" and len(fields) == 4:
                name, numbers = fields[0], fields[1:]
                current = figures[name] = Figures(*[int(value) for value in numbers])
                continue
            if kind == "site" and len(fields) == 4 and current is not None and fields[3]:
                line_number, size, count = [int(value) for value in fields[:3]]
                current.sites[(fields[3], line_number)] = (size, count)
                continue
        except ValueError:
            pass
        raise ValueError("%s line %d: not a record: %r" % (path, number, line))
    return figures


class SameAs:
    """Tells whether a measurement repeats an earlier run's figures exactly."""

    def __init__(self, figures, *, root, cwd):
        self.figures = figures
        # The standard library's folder, as sysconfig names it for the snapshot (os.py is in
        # it); were they to differ, no site there would match, and the repeats would run.
        stdlib = os.path.dirname(os.path.realpath(os.__file__))
        self.paths = PathNormalizer(root=root, stdlib=stdlib, cwd=cwd)

    def matches(self, name, measurement):
        """True when ``measurement`` (a capture.Measurement of function ``name``) has exactly
        the earlier run's peak, retained bytes and blocks, and sites."""
        expected = self.figures.get(name)
        if expected is None or measurement.error is not None or not measurement.traced:
            return False
        if measurement.peak_bytes != expected.peak:
            return False
        sites = {}
        for (filename, lineno), (size, count) in measurement.sites.items():
            key = (self.paths.normalize(filename), lineno)
            old = sites.get(key, (0, 0))
            sites[key] = (old[0] + size, old[1] + count)
        sites = {key: value for key, value in sites.items() if value != (0, 0)}
        retained = sum(size for size, _ in sites.values())
        count = sum(number for _, number in sites.values())
        return (
            retained == expected.retained and count == expected.count
            and sites == expected.sites
        )
