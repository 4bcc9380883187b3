/** Exit codes of the CLI, and the kinds of failure the action reports. */
export const ExitCode = {
  /** Within budget. */
  Ok: 0,
  /** A budget was exceeded (or the head benchmark failed: nothing to trust). */
  BudgetExceeded: 1,
  /** Bad flags, inputs or configuration. */
  Usage: 2,
  /** git or the benchmark could not be run. */
  Failure: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix: its message says what was wrong and what is allowed. */
export class UsageError extends Error {
  readonly exitCode = ExitCode.Usage;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** git, setup or Python could not do their part. */
export class RunFailure extends Error {
  readonly exitCode = ExitCode.Failure;
  constructor(message: string) {
    super(message);
    this.name = 'RunFailure';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
