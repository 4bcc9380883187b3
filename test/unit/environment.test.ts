import { describe, expect, it } from 'vitest';
import { benchmarkEnvironment, isSensitiveVariable } from '../../src/capture/environment.js';

/** What must never reach pull-request code: tokens, secrets, inputs, the runner's files. */
const REMOVED = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'INPUT_GITHUB-TOKEN',
  'INPUT_GITHUB_TOKEN',
  'INPUT_ANYTHING',
  'INPUT_SCRIPT',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_CACHE_URL',
  'NPM_TOKEN',
  'NODE_AUTH_TOKEN',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'DOCKER_PASSWORD',
  'PYPI_API_KEY',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'SSH_PRIVATE_KEY',
  'GITHUB_ENV',
  'GITHUB_OUTPUT',
  'GITHUB_PATH',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_STATE',
  'STATE_comment_id',
  'github_token',
  'Input_Anything',
];

/** What a benchmark legitimately needs, and harmless facts about the run. */
const KEPT = [
  'PATH',
  'HOME',
  'PYTHONPATH',
  'PYTHONHASHSEED',
  'VIRTUAL_ENV',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'CI',
  'GITHUB_SHA',
  'GITHUB_REPOSITORY',
  'GITHUB_WORKSPACE',
  'GITHUB_ACTIONS',
  'RUNNER_OS',
];

function environment(names: readonly string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(names.map((name) => [name, `value of ${name}`]));
}

describe('benchmarkEnvironment', () => {
  const clean = benchmarkEnvironment(environment([...REMOVED, ...KEPT]));

  it.each(REMOVED)('removes %s', (name) => {
    expect(clean).not.toHaveProperty([name]);
    expect(isSensitiveVariable(name)).toBe(true);
  });

  it.each(KEPT)('keeps %s with its value', (name) => {
    expect(clean[name]).toBe(`value of ${name}`);
    expect(isSensitiveVariable(name)).toBe(false);
  });

  it('keeps exactly the harmless variables', () => {
    expect(Object.keys(clean).sort()).toEqual([...KEPT].sort());
  });

  it('drops variables that are set but undefined', () => {
    expect(benchmarkEnvironment({ PATH: '/bin', EMPTY: undefined })).toEqual({ PATH: '/bin' });
  });

  it('keeps an empty value', () => {
    expect(benchmarkEnvironment({ PYTHONPATH: '' })).toEqual({ PYTHONPATH: '' });
  });

  it('does not change the environment it is given', () => {
    const env = environment(['GITHUB_TOKEN', 'PATH']);
    benchmarkEnvironment(env);
    expect(Object.keys(env)).toEqual(['GITHUB_TOKEN', 'PATH']);
  });

  it('leaves no variable whose name mentions a token', () => {
    const real = ['GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'INPUT_GITHUB-TOKEN', 'GH_TOKEN'];
    const clean = benchmarkEnvironment({ ...environment(real), PATH: '/usr/bin' });
    expect(JSON.stringify(clean)).not.toMatch(/TOKEN/i);
  });
});
