/**
 * Where the Python harness is, and what an interpreter says of itself (implementation, version,
 * platform, executable) for the measurement cache's keys. Light on purpose: the CLI imports it
 * before the rest of allocdiff, to ask the interpreter while the rest loads.
 *
 * With a cache folder, an answer is remembered there (`allocdiff-interpreter-*.json`) with what
 * it came from: the program the name resolves to on PATH (and every other program of that name
 * on PATH), every file the interpreter had mapped when it answered (its executable, its
 * libraries, the C library whose version is part of the platform) and, for a pyenv shim, the
 * version files that choose the version. A later run takes the answer only when each of those
 * files is as it was (device, inode, size, modification and change times) or still absent, and
 * the name, the environment, the folder it is asked in and the kernel are the same; anything else
 * asks the interpreter again. A program that cannot be seen through (a wrapper script other than
 * pyenv's shim), or a system without /proc, is asked every time.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { machine, release, type as osType, version as osVersion } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunFailure } from '../errors.js';
import { runProcess } from './process.js';

/** The interpreter the settings name when none is given (`python`). */
export const DEFAULT_PYTHON = 'python3';

/**
 * Where the Python harness is: `dist/harness`, beside the entry file or one folder up from the
 * chunk in `dist/chunks/` this code is bundled into; or `python/` in a source checkout (tests
 * run from source).
 */
export function harnessDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'harness'),
    join(here, '..', 'harness'),
    join(here, '..', '..', 'python'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'allocdiff_harness', '__main__.py')));
  if (!found)
    throw new RunFailure(
      `the allocdiff Python harness is missing (looked in ${candidates.join(', ')})`,
    );
  return found;
}

/** What an interpreter says of itself. */
export interface InterpreterFacts {
  executable: string;
  implementation: string;
  version: string;
  platform: string;
}

// Without `site` (-S), which tells none of this and is the slowest part of a start. The files
// the process has mapped are what a remembered answer is checked against.
const PROBE = `import json, platform, sys
try:
    with open("/proc/self/maps") as maps:
        files = sorted({line.split(None, 5)[5].rstrip("\\n") for line in maps if len(line.split(None, 5)) == 6})
except OSError:
    files = []
print(json.dumps({"implementation": platform.python_implementation(), "version": platform.python_version(), "platform": platform.platform(), "executable": sys.executable, "files": files}))`;

/** An answer, and whether it was remembered (no interpreter started) or asked. */
export interface Answer {
  facts: InterpreterFacts | string;
  remembered: boolean;
}

/** Each interpreter asked, by its name, environment and cache folder: asked once per process. */
const asked = new Map<string, Promise<InterpreterFacts | string>>();

/**
 * What `python`, started with `env` (in the harness's folder, isolated from the user's site and
 * variables), says of itself; a string says why it could not tell. Asked once for each
 * interpreter, environment and cache folder, however often it is wanted; with `rememberIn` (a
 * cache folder), taken from there when nothing it came from changed, and kept there otherwise.
 */
export function askInterpreter(
  python: string,
  env: NodeJS.ProcessEnv,
  rememberIn?: string,
): Promise<InterpreterFacts | string> {
  const key = JSON.stringify([python, entriesOf(env), rememberIn ?? null]);
  let answer = asked.get(key);
  if (!answer) {
    answer =
      rememberIn === undefined
        ? probe(python, env).then((probed) => probed.facts)
        : askRemembering(python, env, rememberIn).then((given) => given.facts);
    asked.set(key, answer);
  }
  return answer;
}

function entriesOf(env: NodeJS.ProcessEnv): [string, string][] {
  return Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function probe(
  python: string,
  env: NodeJS.ProcessEnv,
): Promise<{ facts: InterpreterFacts | string; files: string[] }> {
  const result = await runProcess(python, ['-I', '-S', '-c', PROBE], {
    cwd: harnessDirectory(),
    env,
    onOutput: () => undefined,
    deadline: Date.now() + 60_000,
  });
  let answer: (InterpreterFacts & { files?: unknown }) | undefined;
  try {
    answer = JSON.parse(result.outputTail.trim().split('\n').at(-1) ?? '') as InterpreterFacts;
  } catch {
    answer = undefined;
  }
  if (result.exitCode !== 0 || !answer?.version) {
    return {
      facts: `${python} could not tell its version (exit code ${result.exitCode})`,
      files: [],
    };
  }
  const { files } = answer;
  const mapped = Array.isArray(files) ? files.filter((file) => typeof file === 'string') : [];
  return { facts: factsOf(answer), files: mapped };
}

/**
 * The facts alone, always in the same order: the cache's keys are made of them as JSON, so an
 * answer remembered and one just asked make the same key.
 */
function factsOf(facts: InterpreterFacts): InterpreterFacts {
  const { implementation, version, platform, executable } = facts;
  return { implementation, version, platform, executable };
}

/** The format of a remembered answer; another is ignored. */
const REMEMBERED_FORMAT = 'allocdiff.interpreter/1';

/**
 * A file as a remembered answer saw it: its identity (device, inode, mode, size, times), or its
 * content's digest (`byContent`: a small file rewritten in place may keep its size and times),
 * or null when it was not there.
 */
interface Seen {
  path: string;
  identity: string | null;
  byContent?: true;
}

/**
 * A file changed this recently (milliseconds) is not remembered by its times: rewritten again
 * within the file system's timestamp granularity, it could keep them.
 */
const SETTLED_MS = 2_000;

interface Remembered {
  format: typeof REMEMBERED_FORMAT;
  /** The name, environment, folder and kernel it was asked with. */
  asked: string;
  /** The file the name resolved to on PATH. */
  program: string;
  files: Seen[];
  facts: InterpreterFacts;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The answer remembered in `dir` if it still holds; else the interpreter's, remembered there when
 * it can be. Asked each time it is called (askInterpreter asks once per process).
 */
export async function askRemembering(
  python: string,
  env: NodeJS.ProcessEnv,
  dir: string,
): Promise<Answer> {
  const cwd = harnessDirectory();
  const question = JSON.stringify({
    python,
    env: entriesOf(env),
    cwd,
    kernel: [osType(), release(), osVersion(), machine()],
  });
  const file = join(dir, `allocdiff-interpreter-${sha256(question).slice(0, 32)}.json`);
  // A few dozen stat calls, made at once: cheaper than as many trips to the thread pool.
  let kept: InterpreterFacts | undefined;
  try {
    kept = stillHolds(file, question, python, env, cwd);
  } catch {
    kept = undefined;
  }
  if (kept) return { facts: kept, remembered: true };
  let before: ReturnType<typeof choosing>;
  try {
    before = choosing(python, env, cwd);
  } catch {
    before = undefined;
  }
  const { facts, files } = await probe(python, env);
  if (typeof facts === 'string' || !before) return { facts, remembered: false };
  // Files mapped by name (not [heap], [vdso] …); one a later run could not find again by its
  // name (deleted, shared memory) cannot be checked.
  const named = files.filter((path) => path.startsWith('/'));
  if (named.length === 0 || named.some((path) => /^\/(memfd:|SYSV)| \(deleted\)$/.test(path)))
    return { facts, remembered: false };
  const mapped = [...new Set([...named, facts.executable])].filter((path) => path.startsWith('/'));
  const seenAt = Date.now();
  try {
    // What chose the interpreter, seen again after it answered: unchanged while it ran.
    const after = choosing(python, env, cwd);
    if (!after || JSON.stringify(after) !== JSON.stringify(before))
      return { facts, remembered: false };
    const seen = [...after.files, ...mapped.map((path) => see(path))];
    if (seen.slice(after.files.length).some((entry) => entry.identity === null))
      return { facts, remembered: false };
    if (seen.some((entry) => entry.changed !== undefined && entry.changed > seenAt - SETTLED_MS))
      return { facts, remembered: false };
    const remembered: Remembered = {
      format: REMEMBERED_FORMAT,
      asked: question,
      program: after.program,
      files: seen.map(({ path, identity, byContent }) => ({
        path,
        identity,
        ...(byContent ? { byContent } : {}),
      })),
      facts,
    };
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Written whole, then renamed: a reader never sees half an answer.
    const partial = join(dir, `.${randomBytes(6).toString('hex')}.partial`);
    try {
      await writeFile(partial, JSON.stringify(remembered), { mode: 0o600 });
      await rename(partial, file);
    } finally {
      await rm(partial, { force: true });
    }
  } catch {
    // Not remembered: the next run asks again.
  }
  return { facts, remembered: false };
}

/** The remembered answer in `file`, when it is one for this question and nothing it saw changed. */
function stillHolds(
  file: string,
  question: string,
  python: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): InterpreterFacts | undefined {
  const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<Remembered>;
  if (kept.format !== REMEMBERED_FORMAT || kept.asked !== question) return undefined;
  const { facts, files, program } = kept;
  const fields = ['executable', 'implementation', 'version', 'platform'] as const;
  if (!facts || fields.some((field) => typeof facts[field] !== 'string') || !facts.version)
    return undefined;
  if (!Array.isArray(files) || files.length === 0 || typeof program !== 'string') return undefined;
  if (
    !files.every(
      (entry) =>
        typeof entry?.path === 'string' &&
        (entry.identity === null || typeof entry.identity === 'string') &&
        (entry.byContent === undefined || entry.byContent === true),
    )
  )
    return undefined;
  if (resolveProgram(python, env, cwd) !== program) return undefined;
  const now = files.map((entry) => see(entry.path, entry.byContent === true));
  if (now.some((entry, index) => entry.identity !== files[index].identity)) return undefined;
  return factsOf(facts);
}

/**
 * What chooses the interpreter `python` names: the program it resolves to, and the files seen
 * (every program of that name on PATH, and a pyenv shim's version files); undefined when the
 * program cannot be seen through.
 */
function choosing(
  python: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): { program: string; files: (Seen & { changed?: number })[] } | undefined {
  const program = resolveProgram(python, env, cwd);
  if (!program) return undefined;
  const programs = python.includes('/')
    ? [program]
    : pathDirs(env, cwd).map((dir) => join(dir, python));
  const seen = programs.map((path) => see(path));
  const head = firstBytes(program, 4096).toString('latin1');
  if (head.startsWith('#!')) {
    // pyenv's shim: the version comes from PYENV_VERSION (in the environment), a
    // `.python-version` in the folder it runs in or one above, or the root's `version` file,
    // among the versions installed.
    const root = /^export PYENV_ROOT="([^"$`\\]+)"$/m.exec(head)?.[1];
    if (!root) return undefined;
    seen.push(see(join(root, 'version'), true), see(join(root, 'versions')));
    for (let folder = cwd; ; folder = dirname(folder)) {
      seen.push(see(join(folder, '.python-version'), true));
      if (dirname(folder) === folder) break;
    }
  }
  return { program, files: seen };
}

/** PATH's folders as a shell searches them (an empty entry is the current folder). */
function pathDirs(env: NodeJS.ProcessEnv, cwd: string): string[] {
  return (env.PATH ?? '').split(delimiter).map((dir) => resolve(cwd, dir || '.'));
}

/** The file a shell in `cwd` runs for `python`, or undefined when there is none. */
function resolveProgram(python: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const candidates = python.includes('/')
    ? [resolve(cwd, python)]
    : pathDirs(env, cwd).map((dir) => join(dir, python));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here: the next folder.
    }
  }
  return undefined;
}

/**
 * A file's identity (through links), or with `byContent` its content's digest; null when it is
 * not there. `changed`: when it last changed (not kept).
 */
function see(path: string, byContent = false): Seen & { changed?: number } {
  try {
    if (byContent) {
      const digest = createHash('sha256').update(readFileSync(path)).digest('hex');
      return { path, identity: digest, byContent: true };
    }
    const found = statSync(path, { bigint: true });
    const identity = [
      found.dev,
      found.ino,
      found.mode,
      found.size,
      found.mtimeNs,
      found.ctimeNs,
    ].join(':');
    return { path, identity, changed: Number(found.mtimeNs / 1_000_000n) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { path, identity: null, ...(byContent ? { byContent: true as const } : {}) };
    }
    throw error;
  }
}

/** The first `count` bytes of a file (fewer if it is shorter). */
function firstBytes(path: string, count: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(count);
    return buffer.subarray(0, readSync(fd, buffer, 0, count, 0));
  } finally {
    closeSync(fd);
  }
}
