// action.yml, the project's workflows and the README's workflow files against SchemaStore's
// github-action.json and github-workflow.json, as editors and linters check them. The schemas
// come from the npm package @action-validator/core (they are compiled into it), a development
// dependency; the structural tests (action-metadata, project-workflows, readme-workflows) check
// what the schemas do not (inputs declared, permissions, the runtime).
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/action-runner.js';

interface ValidationState {
  errors: unknown[];
}
interface Validator {
  validateAction(source: string): ValidationState;
  validateWorkflow(source: string): ValidationState;
}

const validator = createRequire(import.meta.url)('@action-validator/core') as Validator;
const read = (...path: string[]) => readFileSync(join(PROJECT_ROOT, ...path), 'utf8');

/** Whether the package's action schema knows the runtime action.yml uses (a newer one may not). */
function knowsRuntime(v: Validator, using: string): boolean {
  const probe = `name: probe\ndescription: probe\nruns:\n  using: ${using}\n  main: index.js\n`;
  return v.validateAction(probe).errors.length === 0;
}

const using = /^\s+using:\s*(\S+)/m.exec(read('action.yml'))?.[1] ?? '';
const workflows = [
  ...readdirSync(join(PROJECT_ROOT, '.github', 'workflows'))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => [`.github/workflows/${name}`, read('.github', 'workflows', name)] as const),
  ...[...read('README.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => match[1])
    .filter((text) => /^jobs:/m.test(text))
    .map((text, index) => [`README.md workflow ${index + 1}`, text] as const),
];

describe('SchemaStore’s schemas (@action-validator/core)', () => {
  it('rejects what they should: a misspelt step key, an action with no runs', () => {
    const typo =
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n        wtih: {}\n';
    expect(validator.validateWorkflow(typo).errors).not.toEqual([]);
    expect(validator.validateAction('name: x\ndescription: y\n').errors).not.toEqual([]);
  });

  it(`action.yml is a valid action (runs.using: ${using})`, () => {
    // The package's schema may predate the runtime action.yml declares (action-metadata checks
    // that one): then every other field is checked against it with a runtime it knows.
    const known = ['node24', 'node20'].find((runtime) => knowsRuntime(validator, runtime))!;
    expect(known).toBeDefined();
    const source = read('action.yml').replace(/^(\s+using:\s*)\S+/m, `$1${known}`);
    expect(validator.validateAction(source).errors).toEqual([]);
  });

  it.each(workflows)('%s is a valid workflow', (_name, source) => {
    expect(workflows.length).toBeGreaterThanOrEqual(6);
    expect(validator.validateWorkflow(source).errors).toEqual([]);
  });
});
