"""What each pytest test reads, for choosing the tests a pull request can have changed.

The reads pass (``ALLOCDIFF_RECORD_READS``) runs the suite untraced and records, per test,
every file of the repository

- whose code ran during the test's setup, call and teardown: the ``co_filename`` of every code
  object that started or resumed (functions, generators, class bodies, modules imported), seen
  at a cost that does not grow with the number of calls where the interpreter allows it (see
  ``_code_profiler``);
- that the test opened or whose folder it listed (an audit hook: ``open``, which also sees
  ``io.open_code`` of imports, ``os.listdir``, ``os.scandir``);
- that its test module read or ran while it was collected (its imports), and the modules
  (and their packages) that the test module's globals come from: a module first imported by
  another test module is still a dependency of every test module that uses it.

What is read outside any test or test module (conftest.py, pytest's configuration, plugins,
the session's start) is the session's: the whole suite depends on it.

Each pytest process writes ``<pid>-<n>.reads.json`` into ``ALLOCDIFF_COMMAND_DIR`` at its end
(with pytest-xdist, each worker its own). allocdiff then measures, under tracing, only the tests
whose reads the pull request touches: the others are deselected (``ALLOCDIFF_SKIP_TESTS``, a
file of node ids, one per line) on both sides.

Only ``os``, ``sys``, ``threading`` and (before Python 3.12) ``_lsprof`` are used while the
suite runs.
"""

import os
import sys
import threading

FILE_EVENTS = frozenset({"open"})
FOLDER_EVENTS = frozenset({"os.listdir", "os.scandir"})


class _Reads:
    """Raw paths read in one phase: code files, opened files, listed folders (with cwd)."""

    __slots__ = ("code", "opened", "listed")

    def __init__(self):
        self.code = set()
        self.opened = set()
        self.listed = set()


class Recorder:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.session = _Reads()
        self.modules = {}  # test module's node id -> _Reads
        self.tests = {}  # test's node id -> [_Reads, failed]
        self.order = []
        self._current = self.session
        self._relative = {}
        # Whether pytest ran in this process: only then is there something to write.
        self.pytest = False
        # What notes the code that runs during a test (_code_profiler), made at the first test.
        self._profiler = None
        self._profiling = None
        self._profiling_into = None

    def install(self):
        recorder = self

        def audit(event, args):
            if (event not in FILE_EVENTS and event not in FOLDER_EVENTS) or not args:
                return
            path = args[0]
            if isinstance(path, int) or path is None:
                return
            try:
                path = os.fspath(path)
            except TypeError:
                return
            if isinstance(path, bytes):
                path = os.fsdecode(path)
            reads = recorder._current
            (reads.opened if event in FILE_EVENTS else reads.listed).add(
                os.path.join(os.getcwd(), path)
            )

        sys.addaudithook(audit)

    def _switch(self, reads, profiled=False):
        """Reads go to ``reads`` from now on; what runs is profiled only during a test."""
        if self._profiling is not None:
            self._profiling.stop(self._profiling_into)
            self._profiling = None
        self._current = reads
        if profiled:
            if self._profiler is None:
                self._profiler = _code_profiler(self)
            self._profiler.start(reads)
            self._profiling = self._profiler
            self._profiling_into = reads

    # --- the phases (the plugin calls these) ---

    def start_module(self, nodeid):
        """A test module is collected: what it imports (unprofiled: the modules that appear in
        ``sys.modules`` meanwhile) is its tests'."""
        self._imported = set(sys.modules)
        self._switch(self.modules.setdefault(nodeid, _Reads()))

    def end_module(self, nodeid, module):
        reads = self.modules.get(nodeid)
        if reads is not None:
            before = getattr(self, "_imported", ())
            new = [sys.modules[name] for name in list(sys.modules) if name not in before]
            reads.code.update(_module_files(new))
            if module is not None:
                reads.code.update(_sources_of(vars(module)))
        self._switch(self.session)

    def start_test(self, nodeid):
        entry = self.tests.get(nodeid)
        if entry is None:
            entry = self.tests[nodeid] = [_Reads(), False, None]
            self.order.append(nodeid)
        self._switch(entry[0], profiled=True)

    def end_test(self, nodeid, module_nodeid, failed):
        entry = self.tests.get(nodeid)
        if entry is not None:
            entry[1] = entry[1] or failed
            entry[2] = module_nodeid
        self._switch(self.session)

    def stop(self):
        self._switch(_Reads())
        if self._profiler is not None:
            self._profiler.close()
            self._profiler = None

    # --- the result ---

    def _under_root(self, path):
        """``path`` relative to the root (``/``-separated), or None outside it."""
        if path in self._relative:
            return self._relative[path]
        relative = None
        if path and not path.startswith("<"):
            full = os.path.realpath(path)
            prefix = self.root.rstrip(os.sep) + os.sep
            if full == self.root:
                relative = "."
            elif full.startswith(prefix):
                relative = full[len(prefix):].replace(os.sep, "/")
        self._relative[path] = relative
        return relative

    def _paths(self, raw):
        return {found for found in map(self._under_root, raw) if found is not None}

    def document(self):
        """The reads as the file holds them: paths once, each test with its paths' indexes."""
        index = {}

        def indexes(paths):
            return sorted(index.setdefault(path, len(index)) for path in paths)

        modules = {
            nodeid: (self._paths(r.code | r.opened), self._paths(r.listed))
            for nodeid, r in self.modules.items()
        }
        tests = []
        for nodeid in self.order:
            reads, failed, module = self.tests[nodeid]
            files = self._paths(reads.code | reads.opened)
            folders = self._paths(reads.listed)
            # What the module's collection listed is the import system searching for modules:
            # only a module added there matters, not any file.
            imports = set()
            if module in modules:
                files |= modules[module][0]
                imports = modules[module][1]
            tests.append([nodeid, indexes(files), indexes(folders), indexes(imports), failed])
        session = self.session
        import_folders = set()
        for entry in list(sys.path):
            if isinstance(entry, str):
                found = self._under_root(os.path.join(os.getcwd(), entry or os.curdir))
                if found is not None:
                    import_folders.add(found)
        return {
            "tests": tests,
            "session": {
                "files": indexes(self._paths(session.code | session.opened)),
                "folders": indexes(self._paths(session.listed)),
                "importFolders": sorted(import_folders),
            },
            "paths": sorted(index, key=index.get),
        }

    def write(self, directory):
        import json

        path = os.path.join(directory, "%d-%d.reads.json" % (os.getpid(), id(self)))
        with open(path, "w", encoding="utf-8") as file:
            json.dump(self.document(), file, separators=(",", ":"))


def _code_profiler(recorder):
    """What notes, during a test, the file of every code object that runs.

    From Python 3.12, ``sys.monitoring`` (a tool of its own): a callback on each code object's
    first start or resumption in the test, which then disables itself for that code object
    until the next test (``restart_events``, which also re-enables what other tools disabled:
    a coverage tool sees its lines again, correctly, at some cost). It sees every thread.
    Before 3.12, the C profiler of ``cProfile`` (``_lsprof``, no subcalls nor built-ins), whose
    functions are read at the test's end; threads the test starts get a Python profile hook
    (``threading.setprofile``). Else (no tool id free, no ``_lsprof``) that hook alone, which
    sees every call.
    """
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None:
        for tool in (4, 3):
            try:
                monitoring.use_tool_id(tool, "allocdiff reads")
            except ValueError:
                continue
            return _Monitoring(recorder, monitoring, tool)
        # From 3.12, ``_lsprof`` is a sys.monitoring tool too (and may be taken).
        return _ProfileHook()
    try:
        import _lsprof
    except ImportError:
        return _ProfileHook()
    return _CProfile(_lsprof)


class _Monitoring:
    def __init__(self, recorder, monitoring, tool):
        self.monitoring = monitoring
        self.tool = tool
        events = monitoring.events
        # A generator closed or thrown into resumes with PY_THROW, which cannot be disabled
        # (and is rare).
        self.events = events.PY_START | events.PY_RESUME | events.PY_THROW
        disable = monitoring.DISABLE

        def started(code, offset):
            recorder._current.code.add(code.co_filename)
            return disable

        def thrown(code, offset, exception):
            recorder._current.code.add(code.co_filename)

        monitoring.register_callback(tool, events.PY_START, started)
        monitoring.register_callback(tool, events.PY_RESUME, started)
        monitoring.register_callback(tool, events.PY_THROW, thrown)

    def start(self, reads):
        self.monitoring.restart_events()
        self.monitoring.set_events(self.tool, self.events)

    def stop(self, reads):
        self.monitoring.set_events(self.tool, 0)

    def close(self):
        events = self.monitoring.events
        for event in (events.PY_START, events.PY_RESUME, events.PY_THROW):
            self.monitoring.register_callback(self.tool, event, None)
        self.monitoring.free_tool_id(self.tool)


class _CProfile:
    def __init__(self, lsprof):
        self.lsprof = lsprof
        self.profiler = None

    def start(self, reads):
        self.profiler = self.lsprof.Profiler(subcalls=False, builtins=False)
        self.profiler.enable()
        threading.setprofile(_thread_hook(reads))

    def stop(self, reads):
        threading.setprofile(None)
        profiler, self.profiler = self.profiler, None
        profiler.disable()
        for entry in profiler.getstats():
            filename = getattr(entry.code, "co_filename", None)
            if filename is not None:
                reads.code.add(filename)

    def close(self):
        pass


class _ProfileHook:
    def start(self, reads):
        hook = _thread_hook(reads)
        sys.setprofile(hook)
        threading.setprofile(hook)

    def stop(self, reads):
        sys.setprofile(None)
        threading.setprofile(None)

    def close(self):
        pass


def _thread_hook(reads):
    add = reads.code.add

    def profile(frame, event, arg):
        add(frame.f_code.co_filename)

    return profile


def _sources_of(namespace):
    """The files of the modules a namespace's values come from, and of their packages."""
    names = set()
    for value in list(namespace.values()):
        if type(value) is type(sys):
            name = value.__name__
        else:
            name = getattr(value, "__module__", None)
        if isinstance(name, str):
            names.add(name)
    modules = []
    for name in names:
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            modules.append(sys.modules.get(".".join(parts[:end])))
    return _module_files(modules)


def _module_files(modules):
    files = set()
    for module in modules:
        filename = getattr(module, "__file__", None)
        if isinstance(filename, str):
            files.add(filename)
    return files


def skipped_tests():
    """The node ids ``ALLOCDIFF_SKIP_TESTS`` names (a file, one per line); None when unset."""
    from .command import given

    path = given(os.environ, "ALLOCDIFF_SKIP_TESTS")
    if not path:
        return None
    with open(path, encoding="utf-8") as file:
        return {line for line in file.read().split("\n") if line}


def skipped_files():
    """The test files ``ALLOCDIFF_SKIP_FILES`` names (a file of paths relative to
    ``ALLOCDIFF_ROOT``, one per line): ruled out before anything ran (imports.py), not even
    collected. None when unset."""
    from .command import given

    path = given(os.environ, "ALLOCDIFF_SKIP_FILES")
    root = given(os.environ, "ALLOCDIFF_ROOT")
    if not path or not root:
        return None
    with open(path, encoding="utf-8") as file:
        return {line for line in file.read().split("\n") if line}
