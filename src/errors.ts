/**
 * The CLI's exit codes. A verdict gives 0 or 1 (src/cli.ts); an error gives its kind's code
 * (`errorExitCode`). The action fails its step for any of them, with the same message.
 */
export const ExitCode = {
  /** The verdict does not fail the run under fail-on. */
  Ok: 0,
  /** A budget failed the run: exceeded, or with fail-on warn also warned or not checked. */
  BudgetExceeded: 1,
  /** Bad flags, inputs, configuration or workflow: the message says what is allowed. */
  Usage: 2,
  /** git, setup or the benchmark could not do their part, or GitHub could not be reached. */
  Failure: 3,
  /** A snapshot, report or artifact allocdiff read is corrupt or of another version. */
  InvalidData: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix: its message says what was wrong and what is allowed. */
export class UsageError extends Error {
  readonly exitCode = ExitCode.Usage;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** git, setup, Python or GitHub could not do their part. */
export class RunFailure extends Error {
  readonly exitCode = ExitCode.Failure;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunFailure';
  }
}

/**
 * Data allocdiff reads back is not what it writes: a snapshot from the harness, or in report
 * mode the artifact and its report. Corrupt, truncated, of another version, or tampered with.
 */
export class InvalidDataError extends Error {
  readonly exitCode = ExitCode.InvalidData;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidDataError';
  }
}

/** The exit code of an error: its kind's; any other error is a failure of the run. */
export function errorExitCode(error: unknown): ExitCode {
  if (
    error instanceof UsageError ||
    error instanceof RunFailure ||
    error instanceof InvalidDataError
  ) {
    return error.exitCode;
  }
  return ExitCode.Failure;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
