/**
 * The environment the benchmark and `setup` run in. Both are pull-request code: they receive
 * only what a Python program needs (an allow-list), never a token, a secret, the action's inputs
 * or the runner's file commands (GITHUB_ENV and friends change later steps), whatever their
 * names. Further variables reach them only when the workflow names them (the `env` input).
 */
import { UsageError } from '../errors.js';
import { SHARD_VARIABLE, shardText, type Shard } from './shard.js';

/** Variables passed as they are. */
const ALLOWED_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'COLUMNS',
  'NO_COLOR',
  'FORCE_COLOR',
  'TMPDIR',
  'CI',
  'VIRTUAL_ENV',
  'PYENV_ROOT',
  'PYENV_VERSION',
  'pythonLocation',
  'Python_ROOT_DIR',
  'Python2_ROOT_DIR',
  'Python3_ROOT_DIR',
  'LD_LIBRARY_PATH',
  'PKG_CONFIG_PATH',
  'CC',
  'CXX',
  'CFLAGS',
  'CXXFLAGS',
  'CPPFLAGS',
  'LDFLAGS',
  'MAKEFLAGS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  // Harmless facts about the run.
  'GITHUB_ACTIONS',
  'GITHUB_REPOSITORY',
  'GITHUB_SHA',
  'GITHUB_REF',
  'GITHUB_WORKSPACE',
  'GITHUB_EVENT_NAME',
  'RUNNER_OS',
  'RUNNER_ARCH',
]);

/** Families of variables passed unless their name looks secret. */
const ALLOWED_PREFIXES = ['LC_', 'PYTHON', 'CONDA_', 'XDG_', 'ALLOCDIFF_'];

/** Names no workflow may pass on: the action's inputs, the runner's tokens and file commands. */
const NEVER_PREFIXES = ['INPUT_', 'ACTIONS_', 'STATE_'];
const NEVER_NAMES = new Set([
  'GITHUB_TOKEN',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
  'RUNNER_TEMP',
]);

const SECRET_WORDS = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|API_?KEY|AUTH|KEYRING/i;
/** A URL with a user and password in it (`https://user:pass@host`). */
const URL_WITH_PASSWORD = /:\/\/[^/@\s]*:[^/@\s]*@/;

function neverPassed(name: string): boolean {
  const upper = name.toUpperCase();
  return NEVER_PREFIXES.some((prefix) => upper.startsWith(prefix)) || NEVER_NAMES.has(upper);
}

/** Whether a variable reaches pull-request code without the workflow naming it. */
export function isAllowedVariable(name: string, value: string): boolean {
  if (neverPassed(name) || URL_WITH_PASSWORD.test(value)) return false;
  if (ALLOWED_NAMES.has(name)) return true;
  return ALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix)) && !SECRET_WORDS.test(name);
}

/**
 * The names the `env` input or `--env` flags give, one or more per line (spaces or commas
 * between them). A name the action itself holds (its inputs, the runner's tokens and file
 * commands) is refused: no workflow needs to give those to pull-request code.
 */
export function parsePassedNames(text: string, origin: string): string[] {
  const names = text.split(/[\s,]+/).filter(Boolean);
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new UsageError(
        `${origin}: "${name}" is not a variable name; expected names of environment variables ` +
          '(letters, digits and _), separated by spaces, commas or new lines',
      );
    if (neverPassed(name))
      throw new UsageError(
        `${origin}: ${name} is the action's own (its inputs, the runner's tokens and file ` +
          'commands never reach pull-request code); name the variables your benchmark needs',
      );
  }
  return [...new Set(names)];
}

/** `env` as pull-request code receives it: the allow-list, and the variables `passed` names. */
export function benchmarkEnvironment(
  env: NodeJS.ProcessEnv,
  passed: readonly string[] = [],
): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (isAllowedVariable(name, value) || (passed.includes(name) && !neverPassed(name)))
      clean[name] = value;
  }
  return clean;
}

/**
 * The variables a run's benchmark starts from: `benchmarkEnvironment`, with the shard the run
 * measures, if any, named in ALLOCDIFF_SHARD: the harness leaves out the scenarios of other
 * shards, never from a variable of the user's own.
 */
export function runEnvironment(
  env: NodeJS.ProcessEnv,
  passed: readonly string[] = [],
  shard?: Shard,
): NodeJS.ProcessEnv {
  const run = benchmarkEnvironment(env, passed);
  delete run[SHARD_VARIABLE];
  if (shard) run[SHARD_VARIABLE] = shardText(shard);
  return run;
}
