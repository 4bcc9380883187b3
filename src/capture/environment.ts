/**
 * The environment the benchmark and `setup` run in. Both are pull-request code: they must never
 * see a token, a secret, the action's inputs or the runner's internals, nor be able to write
 * the workflow's files (GITHUB_ENV and friends change later steps).
 */
const REMOVED_PREFIXES = ['INPUT_', 'ACTIONS_', 'STATE_'];
const REMOVED_NAMES = new Set([
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
]);
const SECRET_WORDS = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY|AUTH/i;

export function isSensitiveVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    REMOVED_PREFIXES.some((prefix) => upper.startsWith(prefix)) ||
    REMOVED_NAMES.has(upper) ||
    SECRET_WORDS.test(upper)
  );
}

export function benchmarkEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !isSensitiveVariable(name)) clean[name] = value;
  }
  return clean;
}
