import { describe, expect, it } from 'vitest';
import { benchmarkEnvironment, parsePassedNames } from '../../src/capture/environment.js';

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
  // Secrets whose names say nothing: only an allow-list keeps them out.
  'DEPLOY_HOOK',
  'DATABASE_URL',
  'AWS_ACCESS_KEY_ID',
  'SENTRY_DSN',
  'SLACK_WEBHOOK',
  'PYTHON_KEYRING_PASSWORD',
  'RUNNER_TEMP',
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
  'LC_CTYPE',
  'TZ',
  'PYTHONUTF8',
  'CONDA_PREFIX',
  'ALLOCDIFF_REPOSITORY_ROOTS',
];

function environment(names: readonly string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(names.map((name) => [name, `value of ${name}`]));
}

describe('benchmarkEnvironment', () => {
  const clean = benchmarkEnvironment(environment([...REMOVED, ...KEPT]));

  it.each(REMOVED)('removes %s', (name) => {
    expect(clean).not.toHaveProperty([name]);
  });

  it.each(KEPT)('keeps %s with its value', (name) => {
    expect(clean[name]).toBe(`value of ${name}`);
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

  it('drops an allowed variable whose value holds a password in a URL', () => {
    const env = { HTTPS_PROXY: 'http://me:hunter2@proxy:3128', HTTP_PROXY: 'http://proxy:3128' };
    expect(benchmarkEnvironment(env)).toEqual({ HTTP_PROXY: 'http://proxy:3128' });
  });

  it('passes the variables the workflow names, and only those', () => {
    const env = environment(['DATABASE_URL', 'DEPLOY_HOOK', 'PATH']);
    expect(Object.keys(benchmarkEnvironment(env, ['DATABASE_URL'])).sort()).toEqual([
      'DATABASE_URL',
      'PATH',
    ]);
  });

  it("never passes the action's own variables, even when named", () => {
    const env = environment(['INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN']);
    expect(benchmarkEnvironment(env, Object.keys(env))).toEqual({});
  });
});

describe('parsePassedNames', () => {
  it('reads names separated by spaces, commas and lines', () => {
    expect(parsePassedNames('DATABASE_URL, AWS_REGION\nFOO  FOO', 'input "env"')).toEqual([
      'DATABASE_URL',
      'AWS_REGION',
      'FOO',
    ]);
  });

  it.each([
    ['GITHUB_TOKEN', /input "env": GITHUB_TOKEN is the action's own/],
    ['INPUT_GITHUB-TOKEN', /input "env": "INPUT_GITHUB-TOKEN" is not a variable name/],
    ['ACTIONS_RUNTIME_TOKEN', /ACTIONS_RUNTIME_TOKEN is the action's own/],
    ['GITHUB_ENV', /GITHUB_ENV is the action's own/],
    ['A=B', /"A=B" is not a variable name/],
  ])('refuses %s', (text, message) => {
    expect(() => parsePassedNames(text, 'input "env"')).toThrow(message);
  });
});
