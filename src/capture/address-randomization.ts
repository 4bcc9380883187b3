/**
 * Exact peaks need fixed addresses: see below.
 */
import { tmpdir } from 'node:os';
import { runProcess } from './process.js';

/**
 * A whole process's peak includes its imports, and some of CPython's import-time caches are
 * keyed by memory address: with address space layout randomisation on, the peak of one
 * process differs by up to a few hundred bytes between identical runs (retained does not).
 * `setarch -R` (util-linux) turns randomisation off for the harness or the command and its children, which
 * makes the peak exact; where it is not allowed (e.g. Docker's default seccomp profile), the
 * snapshot says so.
 */
let randomizationProbe: Promise<boolean> | undefined;

export function canTurnOffAddressRandomization(env: NodeJS.ProcessEnv): Promise<boolean> {
  randomizationProbe ??= runProcess('setarch', ['-R', 'true'], {
    cwd: tmpdir(),
    env,
    onOutput: () => undefined,
  }).then((result) => result.exitCode === 0 && result.signal === null && !result.spawnError);
  return randomizationProbe;
}

export const RANDOM_ADDRESSES = {
  what: 'exact peaks',
  why:
    'address space randomisation could not be turned off here (setarch -R), so whole-process ' +
    'peaks may differ by a few hundred bytes between identical runs',
};
