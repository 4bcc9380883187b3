/**
 * A failed scenario as the reports tell it: which sides failed (both, once, when both did), and
 * each error's text with its traceback once.
 */
import { failedBefore } from '../budgets/verdict.js';
import type { ScenarioError } from '../capture/snapshot.js';
import type { ScenarioComparison } from '../compare/comparison.js';
import type { Measure } from '../compare/measures.js';

/** One failure to show: the sides it happened on and the error (head's, when both raised it). */
export interface Failure {
  sides: 'base' | 'head' | 'base and head';
  error: ScenarioError;
}

/** Two errors are one failure when type and message match (tracebacks name different checkouts). */
function sameFailure(a: ScenarioError, b: ScenarioError): boolean {
  return a.type === b.type && a.message === b.message;
}

/** Whether both sides of a scenario failed. */
export function bothFailed(scenario: ScenarioComparison): boolean {
  return scenario.status === 'failed' && scenario.baseError !== undefined;
}

/**
 * A measure of a scenario as a table shows it: a failed side's figure is that of a call that
 * raised (its error, its traceback), not a change of the pull request's, so it is left out, and
 * with it the change.
 */
export function shownMeasure<M extends Measure>(scenario: ScenarioComparison, measure: M): M {
  const sides = failedSides(scenario);
  if (sides === undefined) return measure;
  return {
    ...measure,
    base: sides.includes('base') ? null : measure.base,
    head: sides.includes('head') ? null : measure.head,
    delta: null,
    noisy: false,
  };
}

/** Which sides failed, in words: `head`, `base`, `base and head`. */
export function failedSides(scenario: ScenarioComparison): Failure['sides'] | undefined {
  if (scenario.status !== 'failed') return undefined;
  return bothFailed(scenario) ? 'base and head' : (scenario.error?.side ?? 'head');
}

/**
 * The failures of a scenario to show: one when a side failed or both failed the same way, head's
 * then base's when they failed differently.
 */
export function failuresOf(scenario: ScenarioComparison): Failure[] {
  const { error, baseError } = scenario;
  if (!error) return [];
  if (!baseError) return [{ sides: error.side, error }];
  if (sameFailure(error, baseError)) return [{ sides: 'base and head', error }];
  return [
    { sides: 'head', error },
    { sides: 'base', error: baseError },
  ];
}

/**
 * A scenario whose `setup` failed (on one side, or on both the same way): nothing of it ran, so it
 * raised nothing; the sides and what setup did (`setup exited with code 2`). Undefined otherwise.
 */
export function setupFailure(
  scenario: ScenarioComparison,
): { sides: Failure['sides']; message: string } | undefined {
  const failures = failuresOf(scenario);
  if (failures.length !== 1) return undefined;
  const [{ sides, error }] = failures as [Failure];
  const setup =
    error.type === 'SetupFailed' ||
    (error.type === 'TimedOut' && error.message.startsWith('setup '));
  return setup ? { sides, message: error.message } : undefined;
}

/** What the scenario raised, for a sentence: `ValueError`, or `KeyError` on head and `ValueError` on base. */
export function raisedText(scenario: ScenarioComparison, code: (text: string) => string): string {
  const failures = failuresOf(scenario);
  const type = (failure: Failure) => code(failure.error.type || 'an error');
  if (failures.length === 2) {
    return `${type(failures[0])} on head and ${type(failures[1])} on base`;
  }
  const [only] = failures;
  if (!only) return code('an error');
  return only.sides === 'base and head' ? `${type(only)} on both sides` : type(only);
}

function lines(text: string | undefined): string[] {
  const trimmed = text?.trimEnd() ?? '';
  return trimmed === '' ? [] : trimmed.split('\n');
}

/**
 * The error's output with its traceback once. The output ends with the traceback as Python
 * printed it (or its last lines, when the output was cut): where it holds the traceback's tail,
 * the recorded traceback replaces that part; where it holds none of it, the traceback comes first.
 */
export function failureText(error: ScenarioError): string {
  const output = lines(error.output);
  const traceback = lines(error.traceback);
  if (traceback.length === 0) return output.join('\n');
  const lastLine = traceback[traceback.length - 1];
  const end = output.lastIndexOf(lastLine);
  if (end < 0) return [...traceback, ...output].join('\n');
  // How many lines before `end` go on matching the traceback, from its end backwards.
  let matched = 1;
  while (
    matched < traceback.length &&
    end - matched >= 0 &&
    output[end - matched] === traceback[traceback.length - 1 - matched]
  ) {
    matched += 1;
  }
  return [...output.slice(0, end + 1 - matched), ...traceback, ...output.slice(end + 1)].join('\n');
}

/**
 * The tests that failed on base too, the same way, in one clause: `tests/x.py::test_v failed on
 * base too (raised KeyError on both sides), so this pull request did not cause it; it is not
 * measured`. Undefined when there are none.
 */
export function failedBeforeText(
  scenarios: readonly ScenarioComparison[],
  code: (text: string) => string,
): string | undefined {
  const failing = scenarios.filter(failedBefore);
  if (failing.length === 0) return undefined;
  const [first] = failing;
  const more = failing.length - 1;
  const who = more > 0 ? `${code(first.name)} and ${more} more` : code(first.name);
  const they = failing.length === 1 ? 'it' : 'them';
  return (
    `${who} failed on base too (${more > 0 ? 'the first ' : ''}raised ${raisedText(first, code)}), ` +
    `so this pull request did not cause ${they}; ${they === 'it' ? 'it is' : 'they are'} not measured`
  );
}

/**
 * pytest's report of a failed test cut to what says why: where the test was (its file's last
 * frame in the traceback), pytest's `E` lines, and the line that raised. Undefined when the
 * output has no `E` lines (not pytest's report).
 */
export function pytestExcerpt(
  scenario: ScenarioComparison,
  error: ScenarioError,
): string | undefined {
  if (scenario.kind !== 'test') return undefined;
  const output = lines(error.output);
  const explained = output.filter((line) => /^E(\s|$)/.test(line));
  if (explained.length === 0) return undefined;
  const excerpt: string[] = [];
  const file = scenario.name.split('::')[0];
  const frames = lines(error.traceback).filter(
    (line) => line.trimStart().startsWith('File "') && line.includes(`/${file}", line `),
  );
  const frame = frames.at(-1)?.match(/, line (\d+)(?:, in (.*))?$/);
  if (frame) excerpt.push(`${file}:${frame[1]}${frame[2] ? ` (in ${frame[2]})` : ''}`);
  excerpt.push(...explained);
  const last = output.lastIndexOf(explained[explained.length - 1]);
  const raisedAt = output.slice(last + 1).find((line) => /^\S[^:]*:\d+:/.test(line));
  if (raisedAt) excerpt.push(raisedAt);
  return excerpt.join('\n');
}

/** A failure's text as reports show it: pytest's excerpt for a test, else the whole output. */
export function failureDetail(scenario: ScenarioComparison, error: ScenarioError): string {
  return pytestExcerpt(scenario, error) ?? failureText(error);
}

/**
 * What a side that failed as a whole left unrun: `180 tests not run on head, as it failed as a
 * whole: base measured them, and nothing is compared`. Undefined when nothing was left.
 */
export function notRunText(scenario: ScenarioComparison): string | undefined {
  const { notRun, error } = scenario;
  if (!notRun || !error) return undefined;
  const failed = error.side;
  const other = failed === 'head' ? 'base' : 'head';
  const one = notRun.tests === 1;
  return `${notRun.tests} test${one ? '' : 's'} not run on ${failed}, as it failed as a whole: ${other} measured ${one ? 'it' : 'them'}, and nothing is compared`;
}
