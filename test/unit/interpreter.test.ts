/**
 * What the interpreter says of itself, for the cache's keys: real python3, asked once per
 * interpreter and environment (the CLI asks early, the pipeline takes that answer).
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runEnvironment } from '../../src/capture/environment.js';
import { askInterpreter, askRemembering, DEFAULT_PYTHON } from '../../src/capture/interpreter.js';
import { SETTINGS } from '../../src/config/declarations.js';

describe('askInterpreter', () => {
  it('asks the interpreter the settings name by default', () => {
    expect(DEFAULT_PYTHON).toBe(SETTINGS.python.default);
  });

  it("gives the interpreter's own version and platform, as the harness reports them", async () => {
    const facts = await askInterpreter('python3', runEnvironment(process.env));
    expect(facts).toMatchObject({ implementation: expect.any(String) });
    if (typeof facts === 'string') throw new Error(facts);
    expect(facts.version).toMatch(/^3\.\d+\.\d+/);
    expect(facts.platform).not.toBe('');
    expect(facts.executable).toMatch(/python/);
  });

  it('asks once for the same interpreter and environment, again for another', async () => {
    const env = runEnvironment(process.env);
    const first = askInterpreter('python3', env);
    const other = askInterpreter('python3', { ...env, PYTHONHASHSEED: '1' });
    expect(askInterpreter('python3', { ...env })).toBe(first);
    expect(other).not.toBe(first);
    // Both answered before the test ends: no process outlives it.
    await Promise.all([first, other]);
  });

  it('says why when the interpreter cannot tell its version', async () => {
    const answer = await askInterpreter('allocdiff-no-such-python', runEnvironment(process.env));
    expect(answer).toMatch(/^allocdiff-no-such-python could not tell its version/);
  });

  it('names the shard in the environment only from the run', () => {
    const env = runEnvironment({ ...process.env, ALLOCDIFF_SHARD: '1/2' });
    expect(env.ALLOCDIFF_SHARD).toBeUndefined();
    expect(runEnvironment(process.env, [], { index: 2, count: 3 }).ALLOCDIFF_SHARD).toBe('2/3');
  });
});

/**
 * An answer remembered in the cache folder: real interpreters, copied or linked into temporary
 * folders put first on PATH, changed as an upgrade or `pyenv global` would change them.
 */
describe('askRemembering', () => {
  const env = runEnvironment(process.env);
  /** The real file of the interpreter python3 runs, and its version. */
  const real = (python: string) => {
    const out = execFileSync(
      python,
      [
        '-I',
        '-S',
        '-c',
        'import os, platform, sys; print(os.path.realpath(sys.executable)); print(platform.python_version())',
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    )
      .toString()
      .trim()
      .split('\n');
    return { file: out[0]!, version: out[1]! };
  };
  const first = real('python3');
  /** Another interpreter with another version, where this machine has one. */
  const other = [
    ...['8', '9', '10', '11', '12', '13', '14'].map((minor) => `python3.${minor}`),
    '/usr/bin/python3',
    '/usr/local/bin/python3',
  ]
    .flatMap((name) => {
      try {
        return [real(name)];
      } catch {
        return [];
      }
    })
    .find((found) => found.version !== first.version);
  let dir: string;
  let cache: string;
  const hourAgo = Date.now() / 1000 - 3600;
  /** An hour old, as an installed interpreter is: a file changed just now is not remembered. */
  const settled = (...paths: string[]) =>
    paths.forEach((path) => utimesSync(path, hourAgo, hourAgo));
  const withPath = (...dirs: string[]) => ({ ...env, PATH: [...dirs, env.PATH].join(':') });

  beforeEach(() => {
    dir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-interpreter-'));
    cache = join(dir, 'cache');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the interpreter's file in `folder` (made), named python3, an hour old. */
  const copyInto = (folder: string, from = first.file) => {
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'python3');
    copyFileSync(from, path);
    chmodSync(path, 0o755);
    settled(path, folder);
    return path;
  };

  it('remembers the answer in the cache folder and takes it while nothing it came from changed', async () => {
    const bin = join(dir, 'bin');
    const python = copyInto(bin);
    const asked = await askRemembering('python3', withPath(bin), cache);
    expect(asked.remembered).toBe(false);
    expect(asked.facts).toMatchObject({ version: first.version, executable: python });
    expect(
      readdirSync(cache).filter((name) => name.startsWith('allocdiff-interpreter-')),
    ).toHaveLength(1);
    const again = await askRemembering('python3', withPath(bin), cache);
    expect(again).toEqual({ facts: asked.facts, remembered: true });
    // Another environment is another question.
    const otherEnv = await askRemembering('python3', { ...withPath(bin), LANG: 'C' }, cache);
    expect(otherEnv.remembered).toBe(false);
  });

  it("asks again once the interpreter's file was rewritten, even with its old times put back", async () => {
    const bin = join(dir, 'bin');
    const python = copyInto(bin);
    await askRemembering('python3', withPath(bin), cache);
    expect((await askRemembering('python3', withPath(bin), cache)).remembered).toBe(true);
    writeFileSync(python, readFileSync(python));
    settled(python);
    const after = await askRemembering('python3', withPath(bin), cache);
    expect(after.remembered).toBe(false);
    expect(after.facts).toMatchObject({ version: first.version });
  });

  it('asks the interpreter a new program on PATH is, not the one remembered', async () => {
    const bin = join(dir, 'bin');
    copyInto(bin);
    await askRemembering('python3', withPath(join(dir, 'earlier'), bin), cache);
    const earlier = copyInto(join(dir, 'earlier'));
    const after = await askRemembering('python3', withPath(join(dir, 'earlier'), bin), cache);
    expect(after.remembered).toBe(false);
    expect(after.facts).toMatchObject({ executable: earlier });
  });

  it.skipIf(!other)(
    'asks again when python3 becomes an interpreter of another version',
    async () => {
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      const link = join(bin, 'python3');
      symlinkSync(first.file, link);
      const before = await askRemembering('python3', withPath(bin), cache);
      expect(before.facts).toMatchObject({ version: first.version });
      expect((await askRemembering('python3', withPath(bin), cache)).remembered).toBe(true);
      rmSync(link);
      symlinkSync(other!.file, link);
      const after = await askRemembering('python3', withPath(bin), cache);
      expect(after.remembered).toBe(false);
      expect(after.facts).toMatchObject({ version: other!.version });
    },
  );

  it('asks again when a pyenv version file chooses another version', async () => {
    const root = join(dir, 'pyenv');
    const a = copyInto(join(root, 'versions', 'a', 'bin'));
    const b = copyInto(join(root, 'versions', 'b', 'bin'), other?.file ?? first.file);
    const shims = join(root, 'shims');
    mkdirSync(shims);
    const shim = join(shims, 'python3');
    writeFileSync(
      shim,
      '#!/bin/sh\nset -e\n' +
        `export PYENV_ROOT="${root}"\n` +
        'exec "$PYENV_ROOT/versions/$(cat "$PYENV_ROOT/version")/bin/python3" "$@"\n',
      { mode: 0o755 },
    );
    writeFileSync(join(root, 'version'), 'a\n');
    settled(shim, shims, join(root, 'versions', 'a'), join(root, 'versions', 'b'));
    settled(join(root, 'versions'), join(root, 'version'), root);
    const before = await askRemembering('python3', withPath(shims), cache);
    expect(before.facts).toMatchObject({ executable: a });
    expect((await askRemembering('python3', withPath(shims), cache)).remembered).toBe(true);
    // `pyenv global b`: the same size, and its times put back.
    writeFileSync(join(root, 'version'), 'b\n');
    settled(join(root, 'version'));
    const after = await askRemembering('python3', withPath(shims), cache);
    expect(after.remembered).toBe(false);
    expect(after.facts).toMatchObject({ executable: b, version: other?.version ?? first.version });
  });

  it('never remembers what a wrapper script other than a pyenv shim chooses', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const wrapper = join(bin, 'python3');
    writeFileSync(wrapper, `#!/bin/sh\nexec "${first.file}" "$@"\n`, { mode: 0o755 });
    settled(wrapper, bin);
    await askRemembering('python3', withPath(bin), cache);
    expect((await askRemembering('python3', withPath(bin), cache)).remembered).toBe(false);
  });

  it('asks again when what is remembered is not an answer', async () => {
    const bin = join(dir, 'bin');
    copyInto(bin);
    await askRemembering('python3', withPath(bin), cache);
    const [name] = readdirSync(cache).filter((entry) => entry.startsWith('allocdiff-interpreter-'));
    const path = join(cache, name!);
    const kept = JSON.parse(readFileSync(path, 'utf8'));
    for (const broken of ['{', JSON.stringify({ ...kept, facts: { version: 3 } })]) {
      writeFileSync(path, broken);
      const answer = await askRemembering('python3', withPath(bin), cache);
      expect(answer.remembered).toBe(false);
      expect(answer.facts).toMatchObject({ version: first.version });
    }
  });
});
