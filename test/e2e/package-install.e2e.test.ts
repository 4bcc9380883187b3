// The npm package as a user gets it: packed, installed globally into a prefix of its own with no
// network, and run in a Python project that has nothing of allocdiff's.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const PACKAGE = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  engines: { node: string };
};

/**
 * The test's environment without npm's own variables (npm run and npx set some, like the
 * prefix), with a cache of the test's, offline, and the Node of action.yml first on PATH: the
 * installed `allocdiff` starts with `#!/usr/bin/env node`.
 */
function npmEnv(home: string, prefix: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name)) env[name] = value;
  }
  return {
    ...env,
    TMPDIR: testTemp(),
    npm_config_cache: join(home, 'npm-cache'),
    npm_config_userconfig: join(home, 'npmrc'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    PATH: [dirname(declaredNode()), join(prefix, 'bin'), env.PATH].join(':'),
  };
}

describe('the npm package', () => {
  let home: string;
  let prefix: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    home = join(testTemp(), 'npm-home');
    prefix = join(home, 'prefix');
    mkdirSync(prefix, { recursive: true });
    env = npmEnv(home, prefix);
    const packed = await runCommand('npm', ['pack', '--pack-destination', home], {
      cwd: PROJECT_ROOT,
      env,
    });
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = join(home, `${PACKAGE.name}-${PACKAGE.version}.tgz`);
    expect(existsSync(tarball), packed.stdout).toBe(true);
    const installed = await runCommand(
      'npm',
      ['install', '--global', '--prefix', prefix, tarball],
      {
        cwd: home,
        env,
      },
    );
    expect(installed.code, installed.stderr).toBe(0);
  });

  it('installs the bundle alone: no runtime dependency is downloaded or installed', () => {
    const root = join(prefix, 'lib', 'node_modules', PACKAGE.name);
    expect(existsSync(join(root, 'dist', 'cli.js'))).toBe(true);
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(manifest.dependencies ?? {}).toEqual({});
    // What the CLI and the action need, and the licence.
    expect(readdirSync(root).sort()).toEqual(
      ['LICENSE', 'README.md', 'action.yml', 'dist', 'package.json'].sort(),
    );
    expect(existsSync(join(root, 'dist', 'harness', 'allocdiff_harness', '__main__.py'))).toBe(
      true,
    );
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('declares the Node it is tested on as its floor', async () => {
    const version = await runCommand(declaredNode(), ['--version'], { cwd: home, env });
    const major = Number(/^v(\d+)\./.exec(version.stdout)?.[1]);
    expect(PACKAGE.engines.node).toBe(`>=${major}`);
  });

  it('gives a working allocdiff in a Python project of its own', async () => {
    const quiet = {
      'pyproject.toml': '[project]\nname = "shop"\nversion = "1.0"\n',
      'shop/__init__.py': 'def stock(n):\n    return [str(i) for i in range(n)]\n',
      'benchmarks/memory.py': 'import shop\n\ndef bench_stock():\n    return shop.stock(1000)\n',
    };
    const repo = repoOf(quiet, {
      ...quiet,
      'shop/__init__.py': 'def stock(n):\n    return [str(i) * 2 for i in range(n * 5)]\n',
    });
    const version = await runCommand('allocdiff', ['--version'], { cwd: repo.dir, env });
    expect(version.stdout.trim()).toBe(PACKAGE.version);
    const result = await runCommand(
      'allocdiff',
      ['--base', 'HEAD~1', '--script', 'benchmarks/memory.py', '--json', '-'],
      { cwd: repo.dir, env: { ...env, PYTHONPATH: repo.dir } },
    );
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.scenarios.map((scenario) => scenario.name)).toEqual(['bench_stock']);
    expect(report.scenarios[0].sites[0]).toMatchObject({ file: 'shop/__init__.py', line: 2 });
    expect(report.scenarios[0].sites[0].sizeDelta).toBeGreaterThan(0);
  });
});
