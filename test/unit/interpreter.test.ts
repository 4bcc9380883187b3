/**
 * What the interpreter says of itself, for the cache's keys: real python3, asked once per
 * interpreter and environment (the CLI asks early, the pipeline takes that answer).
 */
import { describe, expect, it } from 'vitest';
import { runEnvironment } from '../../src/capture/environment.js';
import { askInterpreter, DEFAULT_PYTHON } from '../../src/capture/interpreter.js';
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
