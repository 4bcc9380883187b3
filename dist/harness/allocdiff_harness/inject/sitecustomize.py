"""allocdiff's hook into every Python process of a ``command:`` (see allocdiff_harness/command.py).

allocdiff puts this folder first on PYTHONPATH, so Python imports this file as its
``sitecustomize``. It first runs the ``sitecustomize`` that would have been imported without
it (the next one on ``sys.path``, e.g. a distribution's or a virtualenv's), then starts
measuring this process when ``ALLOCDIFF_COMMAND_DIR`` says where to write the result.

Kept to syntax that any Python can parse: an old interpreter that finds it only chains.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))


def _chain_site_customization():
    """Run the next ``sitecustomize`` on ``sys.path`` as ``sitecustomize``, as site.py would."""
    here = os.path.realpath(_HERE)
    others = [entry for entry in sys.path if os.path.realpath(entry or os.curdir) != here]
    if sys.version_info[0] < 3:
        import imp

        try:
            found = imp.find_module("sitecustomize", others)
        except ImportError:
            return
        try:
            imp.load_module("sitecustomize", *found)
        finally:
            if found[0] is not None:
                found[0].close()
        return
    # The import system's own modules, always loaded: importing importlib.util here would
    # load functools, contextlib, warnings (and, in 3.9, re and typing) for free for the
    # measured program.
    bootstrap = sys.modules.get("_frozen_importlib")
    external = sys.modules.get("_frozen_importlib_external")
    if bootstrap is None or external is None:
        return
    spec = external.PathFinder.find_spec("sitecustomize", others)
    if spec is None or spec.loader is None:
        return
    module = bootstrap.module_from_spec(spec)
    # `import sitecustomize` now gives the project's module, as it would have without us.
    sys.modules["sitecustomize"] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # what site.py does with a failing sitecustomize
        sys.stderr.write(
            "Error in sitecustomize; set PYTHONVERBOSE for traceback:\n%s: %s\n"
            % (type(error).__name__, error)
        )


def _start_measuring(directory):
    if sys.version_info < (3, 9):
        # Said in the snapshot rather than silently missing.
        path = os.path.join(directory, "%d.unsupported" % os.getpid())
        with open(path, "w") as marker:
            marker.write("%d.%d.%d" % sys.version_info[:3])
        return
    harness_parent = os.path.dirname(os.path.dirname(_HERE))
    # First only while the harness is imported (nothing of the project can stand in for it),
    # then last: the pytest plugin is imported by name later, and nothing else is shadowed.
    sys.path.insert(0, harness_parent)
    try:
        from allocdiff_harness import command
    finally:
        del sys.path[0]
    sys.path.append(harness_parent)
    command.start(directory)


_chain_site_customization()
if os.environ.get("ALLOCDIFF_COMMAND_DIR"):
    try:
        _start_measuring(os.environ["ALLOCDIFF_COMMAND_DIR"])
    except Exception as error:  # never break the measured program
        sys.stderr.write("allocdiff: this process is not measured: %s\n" % (error,))
