import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/config/cli-args.js';
import type { FileAccess } from '../../src/config/config-file.js';
import { ConfigError } from '../../src/config/problems.js';

const REPO = '/home/dev/project';
const REQUIRED = ['--base', 'main', '--script', 'bench.py'];

function repoFiles(files: Record<string, string> = {}): FileAccess {
  const tree: Record<string, string> = { [`${REPO}/.git/HEAD`]: 'ref: refs/heads/main\n' };
  for (const [path, text] of Object.entries(files)) tree[`${REPO}/${path}`] = text;
  return {
    exists: (path) => path in tree || Object.keys(tree).some((f) => f.startsWith(`${path}/`)),
    read: (path) => tree[path],
  };
}

function settings(argv: string[], files: Record<string, string> = {}) {
  const command = parseCliArgs([...REQUIRED, ...argv], REPO, repoFiles(files));
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  // The report folder the parse made: no run writes there.
  if (command.privateDir) rmSync(command.privateDir, { recursive: true, force: true });
  return command.settings;
}

function problems(argv: string[], files: Record<string, string> = {}): readonly string[] {
  try {
    parseCliArgs([...REQUIRED, ...argv], REPO, repoFiles(files));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected a ConfigError for ${argv.join(' ')}`);
}

describe('capture settings: repeats, iterations, timeout-minutes, peak-sites, object-types', () => {
  it('take their defaults: three repeats, no leak check, 30 minutes, peak sites where the peak changed, object counts on', () => {
    expect(settings([])).toMatchObject({
      repeats: 3,
      iterations: 0,
      timeoutMinutes: 30,
      peakSites: 'auto',
      objectTypes: true,
    });
  });

  it('are read from flags, which win over the config file', () => {
    const file = {
      'allocdiff.yml':
        'repeats: 5\niterations: 10\ntimeout-minutes: 2.5\npeak-sites: true\nobject-types: false\n',
    };
    expect(settings([], file)).toMatchObject({
      repeats: 5,
      iterations: 10,
      timeoutMinutes: 2.5,
      peakSites: true,
      objectTypes: false,
    });
    expect(
      settings(
        [
          '--repeats=2',
          '--iterations=0',
          '--timeout-minutes=0.25',
          '--peak-sites=false',
          '--object-types=TRUE',
        ],
        file,
      ),
    ).toMatchObject({
      repeats: 2,
      iterations: 0,
      timeoutMinutes: 0.25,
      peakSites: false,
      objectTypes: true,
    });
  });

  it('are read from [tool.allocdiff] in pyproject.toml', () => {
    const file = {
      'pyproject.toml': '[tool.allocdiff]\nrepeats = 1\niterations = 4\n"peak-sites" = true\n',
    };
    expect(settings([], file)).toMatchObject({ repeats: 1, iterations: 4, peakSites: true });
  });

  it('take peak-sites as auto, true or false, from flags and files alike', () => {
    expect(
      settings(['--peak-sites', 'AUTO'], { 'allocdiff.yml': 'peak-sites: false\n' }),
    ).toMatchObject({ peakSites: 'auto' });
    expect(settings([], { 'allocdiff.yml': 'peak-sites: auto\n' })).toMatchObject({
      peakSites: 'auto',
    });
    expect(
      settings([], { 'pyproject.toml': '[tool.allocdiff]\n"peak-sites" = false\n' }),
    ).toMatchObject({ peakSites: false });
    expect(problems([], { 'allocdiff.yml': 'peak-sites: sometimes\n' })).toEqual([
      'allocdiff.yml:1: peak-sites: got "sometimes"; expected auto, true or false',
    ]);
  });

  it.each([
    ['--repeats=0', '--repeats: got "0"; expected a whole number from 1 to 100'],
    ['--repeats=2.5', '--repeats: got "2.5"; expected a whole number from 1 to 100'],
    [
      '--iterations=2',
      '--iterations: got "2"; expected 0 (no leak check) or a whole number from 3 to 100000 ' +
        '(call 1 is warm-up; growth must go on over the calls after it)',
    ],
    [
      '--timeout-minutes=0',
      '--timeout-minutes: got "0"; expected a number of minutes above 0 and at most 1440, e.g. 30 or 0.5',
    ],
    [
      '--timeout-minutes=soon',
      '--timeout-minutes: got "soon"; expected a number of minutes above 0 and at most 1440, e.g. 30 or 0.5',
    ],
    ['--peak-sites=yes', '--peak-sites: got "yes"; expected auto, true or false'],
  ])('rejects %s, naming the flag, the value and what is allowed', (flag, message) => {
    expect(problems([flag])).toEqual([message]);
  });

  it('rejects bad values in a file with the file, line and key', () => {
    expect(
      problems([], { 'allocdiff.yml': 'repeats: 0\ntimeout-minutes: "10"\nobject-types: 1\n' }),
    ).toEqual([
      'allocdiff.yml:1: repeats: got 0; expected a whole number from 1 to 100',
      'allocdiff.yml:2: timeout-minutes: got "10"; expected a number of minutes above 0 and at most 1440, e.g. 30 or 0.5',
      'allocdiff.yml:3: object-types: got 1; expected true or false',
    ]);
  });
});
