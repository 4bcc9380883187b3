import type * as z from 'zod';
import { UsageError } from '../errors.js';
import { closestWord } from '../format/suggest.js';

/**
 * Bad configuration: one line per problem, each naming where it is (file and key path, or the
 * input or flag), the value and what is allowed. Exit code 2 on the CLI.
 */
export class ConfigError extends UsageError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export type KeyPath = readonly PropertyKey[];

/** `budgets.peak[1]`, `scenarios."bench_*".budgets`: the way a reader finds the key again. */
export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else {
      const key = String(part);
      const written = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
      text += text === '' ? written : `.${written}`;
    }
  }
  return text;
}

/** A value as a message quotes it: strings in quotes, containers by kind, long text cut. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a table';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 80 ? `${quoted.slice(0, 76)}…"` : quoted;
  }
  return String(value);
}

/** How an unknown key's message lists the keys allowed there: the last thing it says. */
export const ALLOWED = 'allowed: ';

/**
 * An unknown key's message, with the allowed key it most likely meant put before the list:
 * `failon: unknown key; did you mean fail-on? allowed: …`.
 */
function withGuess(key: PropertyKey, message: string): string {
  const at = message.lastIndexOf(ALLOWED);
  if (at < 0) return message;
  const meant = closestWord(String(key), message.slice(at + ALLOWED.length).split(', '));
  return meant === undefined
    ? message
    : `${message.slice(0, at)}did you mean ${meant}? ${message.slice(at)}`;
}

export interface Problem {
  path: PropertyKey[];
  message: string;
}

/** A union branch whose issues only say "not my type" was the wrong branch, not a problem. */
function isTypeMismatch(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.every(
    (issue) =>
      issue.path.length === 0 &&
      (issue.code === 'invalid_type' ||
        (issue.code === 'invalid_union' && issue.errors.every(isTypeMismatch))),
  );
}

/**
 * Flattens zod's issues into one problem per thing to fix: a union reports the branch the value
 * was meant for (the one that got past the type check), and each unknown key is its own problem.
 */
export function problemsOf(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'invalid_union': {
        const meant = issue.errors.find((branch) => !isTypeMismatch(branch));
        return meant ? problemsOf(meant, path) : [{ path, message: issue.message }];
      }
      case 'invalid_key':
        return problemsOf(issue.issues, path);
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          path: [...path, key],
          message: withGuess(key, issue.message),
        }));
      default:
        return [{ path, message: issue.message }];
    }
  });
}
