// Config files on a real file system: what is not a regular file of the repository, or is too
// large to parse, is refused before it is read whole, naming the file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE_MAX_BYTES } from '../../src/config/config-file.js';
import { loadConfig, type Config } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/problems.js';
import { ExitCode } from '../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'allocdiff-config-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A repository folder (a `.git` is all the loader looks for) with these files. */
function repository(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(root, 'repo-'));
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function load(projectDir: string, configPath?: string): Config {
  return loadConfig({
    projectDir,
    inputs: {},
    nameInput: (key) => `--${key}`,
    ...(configPath !== undefined ? { configPath } : {}),
  });
}

function problems(projectDir: string, configPath?: string): readonly string[] {
  try {
    load(projectDir, configPath);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.Usage);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

/** A folder outside every repository, holding a secret the config must not show. */
function outside(): string {
  const dir = mkdtempSync(join(root, 'outside-'));
  writeFileSync(join(dir, 'allocdiff.yml'), 'password: hunter2\n');
  return dir;
}

describe('config files that are not regular files', () => {
  it('refuses a directory, named or found', () => {
    const dir = repository({ 'ci/x.txt': '' });
    expect(problems(dir, join(dir, 'ci'))).toEqual([
      'ci: is a directory; a config file must be a regular file',
    ]);
    mkdirSync(join(dir, 'allocdiff.yml'));
    expect(problems(dir)).toEqual([
      'allocdiff.yml: is a directory; a config file must be a regular file',
    ]);
  });

  it('refuses a device without reading it', () => {
    expect(problems(repository(), '/dev/zero')).toEqual([
      '/dev/zero: is a device; a config file must be a regular file',
    ]);
  });

  it('refuses a named pipe without waiting for a writer', () => {
    const dir = repository();
    execFileSync('mkfifo', [join(dir, 'allocdiff.yml')]);
    expect(problems(dir)).toEqual([
      'allocdiff.yml: is a named pipe; a config file must be a regular file',
    ]);
  });
});

describe('config files too large to parse', () => {
  it('refuses a file over 1 MiB before parsing it', () => {
    const size = 100 * 1024 * 1024;
    const dir = repository({ 'allocdiff.yml': 'script: bench.py\n' });
    execFileSync('truncate', ['-s', String(size), join(dir, 'allocdiff.yml')]);
    const started = performance.now();
    expect(problems(dir)).toEqual([
      'allocdiff.yml: is 104,857,600 bytes; a config file may be at most 1,048,576 bytes (1 MiB)',
    ]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reads a file of exactly 1 MiB', () => {
    const text = 'script: bench.py\n';
    const dir = repository({
      'allocdiff.yml': text + '#'.repeat(CONFIG_FILE_MAX_BYTES - text.length - 1) + '\n',
    });
    expect(load(dir).script).toBe('bench.py');
  });
});

describe('config files that lead out of the repository', () => {
  it('refuses a link to a file outside, without quoting it', () => {
    const dir = repository();
    symlinkSync(join(outside(), 'allocdiff.yml'), join(dir, 'allocdiff.yml'));
    const found = problems(dir);
    expect(found).toEqual([
      'allocdiff.yml: leads, through a symbolic link, outside the repository; a config file must ' +
        'be a file of the repository',
    ]);
    expect(found.join('\n')).not.toContain('hunter2');
    // Named by the config input, the same.
    expect(problems(dir, join(dir, 'allocdiff.yml'))).toEqual(found);
  });

  it('refuses a file in a linked folder outside', () => {
    const dir = repository();
    symlinkSync(outside(), join(dir, '.github'));
    expect(problems(dir)).toEqual([
      '.github/allocdiff.yml: leads, through a symbolic link, outside the repository; a config ' +
        'file must be a file of the repository',
    ]);
  });

  it('follows a link that stays inside, and reads a file the user names outside', () => {
    const dir = repository({ 'ci/memory.yml': 'script: bench.py\n' });
    symlinkSync('ci/memory.yml', join(dir, 'allocdiff.yml'));
    expect(load(dir).configFile).toBe('allocdiff.yml');
    const elsewhere = mkdtempSync(join(root, 'elsewhere-'));
    writeFileSync(join(elsewhere, 'shared.yml'), 'script: bench.py\nframes: 3\n');
    expect(load(dir, join(elsewhere, 'shared.yml')).frames).toBe(3);
  });
});
