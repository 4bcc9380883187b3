/**
 * Which pytest tests a pull request can have changed, in two steps. First, from the source alone
 * (python/allocdiff_harness/imports.py), the test files whose imports, conftest.py files and
 * string literals reach nothing the diff changes, on either side: they are not even collected.
 * Then, from what each remaining test read on base (the reads pass,
 * python/allocdiff_harness/selection.py): the files whose code ran during the test or that it
 * opened, the folders it listed, and its module's imports. Only those tests, and the tests head
 * adds, are traced on both sides; the others are deselected on both.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InvalidDataError } from '../errors.js';

/** What a pytest suite read on base: per test, and for the session as a whole. */
export interface TestReads {
  tests: {
    nodeid: string;
    files: string[];
    folders: string[];
    /** Folders the import system listed while the test's module was collected. */
    importFolders: string[];
    failed: boolean;
  }[];
  /** Read outside any test or test module: conftest.py, pytest's configuration, plugins. */
  session: { files: string[]; folders: string[]; importFolders: string[] };
}

/** What a diff touches of a set of reads (LineMap.firstTouched). */
export interface TouchedBy {
  firstTouched(read: {
    files: Iterable<string>;
    folders: Iterable<string>;
    importFolders: Iterable<string>;
  }): string | undefined;
  /** The paths added, deleted or renamed. */
  onOneSide(): string[];
}

export type TestSelection =
  /**
   * Every test collected is traced: the diff touches what the whole session reads. The test
   * files ruled out from the source (`skipFiles`) are still not collected; `notRun` says why.
   */
  | { kind: 'all'; why: string; skipFiles: string[]; notRun?: string }
  /**
   * `skip` is deselected on both sides; `run` (base's tests that read a changed file, or
   * failed) and any test only head has are traced. `none`: no test of base is traced and no
   * folder pytest collects from changed, so neither side runs.
   */
  | {
      kind: 'some' | 'none';
      skip: string[];
      run: string[];
      why: string;
      /** Test files ruled out from the source: not collected on either side. */
      skipFiles: string[];
    };

/** The static step's answer (python/allocdiff_harness/imports.py). */
export interface StaticSelection {
  /** Test files of either side (pytest's `python_files`). */
  testFiles: number;
  /** Python files parsed, on either side (a path counted once). */
  filesRead: number;
  ruledOut: string[];
  /** The test files kept, and why each may reach a change. */
  kept: Record<string, string>;
  /** Why no file is ruled out (the configuration changed), or null. */
  everything: string | null;
  /** Why pytest may collect tests from files that are not Python, or null. */
  otherTests: string | null;
}

const STATIC = z.object({
  testFiles: z.number().int().nonnegative(),
  filesRead: z.number().int().nonnegative(),
  ruledOut: z.array(z.string()),
  kept: z.record(z.string(), z.string()),
  everything: z.string().nullable(),
  otherTests: z.string().nullable(),
});

/** The file the static step writes. */
export async function readStaticSelection(path: string): Promise<StaticSelection> {
  const parsed = STATIC.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    throw new InvalidDataError(
      `the static selection file is not what the harness writes: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

/**
 * Whether a command is pytest alone (`pytest …`, `python -m pytest …`, after variable
 * assignments, without `;`, `&&`, pipes or substitutions): then no test file left to collect
 * means no process to run at all.
 */
export function isPytestAlone(command: string): boolean {
  if (/[;&|`$()<>\n]/.test(command)) return false;
  return /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:\S*\/)?(?:py\.?test|python[0-9.]*(?:\s+-(?:[XW]\s*\S+|[A-Za-z]+))*\s+-m\s*pytest)(?:\s|$)/.test(
    command,
  );
}

/** The static step's evidence: what it read, for the report. */
export function staticEvidence(found: StaticSelection): string {
  return `static: ${count(found.testFiles, 'test file')}, ${count(found.filesRead, 'file')} read`;
}

/**
 * Nothing to run: every test file of both sides ruled out from the source, none collected from
 * files that are not Python, and the command pytest alone. Undefined otherwise.
 */
export function nothingReachable(
  found: StaticSelection,
  command: string,
): TestSelection | undefined {
  if (found.everything !== null || found.otherTests !== null || found.testFiles === 0) {
    return undefined;
  }
  if (found.ruledOut.length < found.testFiles || !isPytestAlone(command)) return undefined;
  return {
    kind: 'none',
    skip: [],
    run: [],
    skipFiles: found.ruledOut,
    why:
      'no test file imports or names what this pull request changes ' +
      `(${staticEvidence(found)}), so pytest did not run`,
  };
}

const FILE = z.object({
  tests: z.array(
    z.tuple([
      z.string(),
      z.array(z.number().int()),
      z.array(z.number().int()),
      z.array(z.number().int()),
      z.boolean(),
    ]),
  ),
  session: z.object({
    files: z.array(z.number().int()),
    folders: z.array(z.number().int()),
    importFolders: z.array(z.string()),
  }),
  paths: z.array(z.string()),
});

/** The `*.reads.json` files of a reads pass, merged (one per pytest process: xdist workers). */
export async function readTestReads(dir: string): Promise<TestReads | undefined> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.reads.json')).sort();
  if (names.length === 0) return undefined;
  const tests = new Map<
    string,
    { files: Set<string>; folders: Set<string>; imports: Set<string>; failed: boolean }
  >();
  const session = {
    files: new Set<string>(),
    folders: new Set<string>(),
    imports: new Set<string>(),
  };
  for (const name of names) {
    const parsed = FILE.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')));
    if (!parsed.success) {
      throw new InvalidDataError(
        `the reads file ${name} is not what the harness writes: ${parsed.error.message}`,
      );
    }
    const { paths } = parsed.data;
    const pathsOf = (indexes: number[]) =>
      indexes.map((index) => {
        const path = paths[index];
        if (path === undefined)
          throw new InvalidDataError(`the reads file ${name} names path ${index}, which it lacks`);
        return path;
      });
    for (const [nodeid, files, folders, imports, failed] of parsed.data.tests) {
      const entry = tests.get(nodeid) ?? {
        files: new Set(),
        folders: new Set(),
        imports: new Set(),
        failed: false,
      };
      for (const folder of pathsOf(imports)) entry.imports.add(folder);
      for (const file of pathsOf(files)) entry.files.add(file);
      for (const folder of pathsOf(folders)) entry.folders.add(folder);
      entry.failed ||= failed;
      tests.set(nodeid, entry);
    }
    for (const file of pathsOf(parsed.data.session.files)) session.files.add(file);
    for (const folder of pathsOf(parsed.data.session.folders)) session.folders.add(folder);
    for (const folder of parsed.data.session.importFolders) session.imports.add(folder);
  }
  return {
    tests: [...tests].map(([nodeid, entry]) => ({
      nodeid,
      files: [...entry.files],
      folders: [...entry.folders],
      importFolders: [...entry.imports],
      failed: entry.failed,
    })),
    session: {
      files: [...session.files],
      folders: [...session.folders],
      importFolders: [...session.imports],
    },
  };
}

function count(n: number, what: string): string {
  return `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * The tests to trace. `always`: files every test depends on (the config file). A test is
 * traced when the diff touches a file it ran or opened, a folder it listed, or when it failed
 * on base; every test when the diff touches what the session read outside tests, a folder
 * Python imports from, or `always` (the test files `ruled` out are still not collected: what
 * the session read is that of the test files kept).
 * `ruled`: the static step, whose test files the reads pass did not collect.
 */
export function selectTests(
  reads: TestReads,
  diff: TouchedBy,
  always: string[],
  ruled?: StaticSelection,
): TestSelection {
  const global = diff.firstTouched({
    files: [...reads.session.files, ...always],
    folders: [],
    importFolders: reads.session.importFolders,
  });
  const skipFiles = ruled?.ruledOut ?? [];
  const notCollected =
    skipFiles.length > 0
      ? `${skipFiles.length.toLocaleString('en')} of ${count(ruled!.testFiles, 'test file')} not ` +
        'collected: none imports or names what this pull request changes ' +
        `(${staticEvidence(ruled!)})`
      : undefined;
  if (global !== undefined) {
    return {
      kind: 'all',
      why: `the diff changes ${global}, which the whole test session reads`,
      skipFiles,
      ...(notCollected ? { notRun: notCollected } : {}),
    };
  }
  const run: string[] = [];
  const skip: string[] = [];
  const files = new Set<string>();
  for (const test of reads.tests) {
    const touched =
      test.failed ||
      diff.firstTouched({
        files: test.files,
        folders: test.folders,
        importFolders: test.importFolders,
      }) !== undefined;
    (touched ? run : skip).push(test.nodeid);
    if (!touched) for (const file of test.files) files.add(file);
  }
  // A Python file added where pytest collects from may be a new test (or conftest.py): head
  // must run to tell.
  const listed = new Set(reads.session.folders);
  const collected = diff
    .onOneSide()
    .some((path) => path.endsWith('.py') && listed.has(path.replace(/\/?[^/]*$/, '') || '.'));
  const reasons: string[] = notCollected ? [notCollected] : [];
  if (skip.length > 0) {
    const read =
      files.size > 0
        ? `ran or opened ${count(files.size, 'file')} of the repository, none of which this pull request changes`
        : 'ran or opened no file of the repository';
    reasons.push(
      `${skip.length.toLocaleString('en')} of ${count(reads.tests.length, 'test')} ` +
        `${skipFiles.length > 0 ? 'collected ' : ''}not run: on base they ${read}`,
    );
  } else if (skipFiles.length === 0 && run.length > 0) {
    // None left out: said as such, not as a count of none.
    reasons.push(
      `${run.length === 1 ? 'it reads' : 'each reads'} what this pull request changes, or failed on base`,
    );
  }
  return {
    kind: run.length === 0 && !collected ? 'none' : 'some',
    skip,
    run,
    skipFiles,
    why: reasons.join('; '),
  };
}
