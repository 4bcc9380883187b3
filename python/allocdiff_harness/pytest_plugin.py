"""pytest plugin of command mode: each test is a scenario, named by its node id.

PYTEST_DONT_REWRITE (pytest need not rewrite this module's asserts: it has none).

Loaded through ``PYTEST_PLUGINS`` by the injected ``sitecustomize`` (the project's pytest
configuration is left alone). Only the call phase of a test is measured: tracing starts just
before the test function runs (fixtures are set up) and stops after it returned, so

- **retained** = what the call allocated and still holds afterwards (module globals, caches,
  fixtures it grew), after ``gc.collect()``;
- **peak** = the most the call's own allocations held at once, above the level before it.

A test that fails is a failed scenario with its error; one skipped (or an expected failure)
is not a scenario. Collection, fixtures and pytest itself are not measured.
"""

import pytest

from . import command

_pending = {}


def pytest_configure(config):
    if command.measuring():
        command.take_over_for_tests()


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item):
    if not command.measuring():
        yield
        return
    traced = command.TestMeasurement(command.frames())
    outcome = yield
    measurement = traced.finish()
    excinfo = outcome.excinfo
    _pending[item.nodeid] = (measurement, excinfo[1] if excinfo else None)


def pytest_runtest_logreport(report):
    if report.when != "call" or report.nodeid not in _pending:
        return
    measurement, error = _pending.pop(report.nodeid)
    if report.skipped:
        return
    if report.failed and error is None:
        error = AssertionError(report.longreprtext.strip().splitlines()[-1:] or "failed")
    command.record_test(report.nodeid, measurement, error if report.failed else None)
