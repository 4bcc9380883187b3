// A generated pytest suite with the allocation patterns of a real library's tests: a package of
// modules with module-level caches (a dict, functools.lru_cache), tests with fixtures (session,
// module and function scope), parametrization, classes, and tests that read data files. The
// benchmark and the end-to-end tests build their repositories from it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Tests per module: `CASES` parametrized cases and `OTHER_TESTS` others. */
export const CASES = 20;
export const OTHER_TESTS = 6;

function moduleSource(index, { entryWidth }) {
  return `"""Module ${index} of the generated package."""

import functools

from . import shared

_CACHE = {}
TABLE = [shared.key(${index}, i) for i in range(64)]


class Record:
    __slots__ = ("name", "values")

    def __init__(self, name, values):
        self.name = name
        self.values = values


def build(n):
    return [str(i) * ${entryWidth} for i in range(n * 60)]


def records(n):
    return [Record(shared.key(${index}, i), list(range(i % 16))) for i in range(n)]


def cached(n):
    if n not in _CACHE:
        _CACHE[n] = build(n)
    return _CACHE[n]


@functools.lru_cache(maxsize=None)
def table(k):
    return {name: len(name) * k for name in TABLE}


def parse(text):
    return [line.split(",") for line in text.splitlines() if line]
`;
}

function testSource(index) {
  return `import json
import os

import pytest

from pkg import mod${index}

DATA = os.path.join(os.path.dirname(__file__), "data", "mod${index}.json")


@pytest.fixture(scope="module")
def rows():
    return mod${index}.records(300)


@pytest.fixture
def text(corpus):
    return "\\n".join(corpus * 3)


@pytest.mark.parametrize("n", range(${CASES}))
def test_build(n):
    assert len(mod${index}.build(n)) == n * 60


def test_records(rows):
    assert len(mod${index}.records(len(rows))) == len(rows)


def test_cached():
    assert mod${index}.cached(30) is mod${index}.cached(30)


def test_table():
    assert len(mod${index}.table(3)) == len(mod${index}.TABLE)


def test_parse(text):
    assert mod${index}.parse(text)


def test_data_file():
    with open(DATA) as file:
        data = json.load(file)
    assert len(mod${index}.build(data["n"])) == data["n"] * 60


class TestRecord:
    def test_names(self, rows):
        assert sorted(row.name for row in rows)
`;
}

/**
 * The suite's files, by path: `modules` modules of `pkg` and a test file for each
 * (`CASES + OTHER_TESTS` tests each). `entryWidth` (per module index, default 3) sets how wide
 * each string `build` makes is: a larger one in one module is a pull request that makes that
 * module allocate more.
 */
export function pytestSuiteFiles({ modules, entryWidth = {}, dataSize = {} }) {
  const files = {
    'pkg/__init__.py': '',
    'pkg/shared.py': 'def key(module, i):\n    return "m%d-k%04d" % (module, i)\n',
    'tests/__init__.py': '',
    'tests/conftest.py':
      'import pytest\n\n\n@pytest.fixture(scope="session")\ndef corpus():\n' +
      '    return ["%d,%s,%d" % (i, "w" * (i % 7), i * i) for i in range(400)]\n',
    'pytest.ini': '[pytest]\naddopts = -p no:cacheprovider\n',
  };
  for (let index = 0; index < modules; index++) {
    files[`pkg/mod${index}.py`] = moduleSource(index, { entryWidth: entryWidth[index] ?? 3 });
    files[`tests/test_mod${index}.py`] = testSource(index);
    files[`tests/data/mod${index}.json`] = `${JSON.stringify({ n: dataSize[index] ?? 10 })}\n`;
  }
  return files;
}

/** Writes `files` (path → text) under `dir`. */
export function writeFiles(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
