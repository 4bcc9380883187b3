import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

// src/errors.ts
var ExitCode = {
  /** The verdict does not fail the run under fail-on. */
  Ok: 0,
  /** A budget failed the run: exceeded, or with fail-on warn also warned or not checked. */
  BudgetExceeded: 1,
  /** Bad flags, inputs, configuration or workflow: the message says what is allowed. */
  Usage: 2,
  /** git, setup or the benchmark could not do their part, or GitHub could not be reached. */
  Failure: 3,
  /** A snapshot, report or artifact allocdiff read is corrupt or of another version. */
  InvalidData: 4
};
var UsageError = class extends Error {
  exitCode = ExitCode.Usage;
  constructor(message, options) {
    super(message, options);
    this.name = "UsageError";
  }
};
var RunFailure = class extends Error {
  exitCode = ExitCode.Failure;
  constructor(message, options) {
    super(message, options);
    this.name = "RunFailure";
  }
};
var InvalidDataError = class extends Error {
  exitCode = ExitCode.InvalidData;
  constructor(message, options) {
    super(message, options);
    this.name = "InvalidDataError";
  }
};
function errorExitCode(error) {
  if (error instanceof UsageError || error instanceof RunFailure || error instanceof InvalidDataError) {
    return error.exitCode;
  }
  return ExitCode.Failure;
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

export {
  ExitCode,
  UsageError,
  RunFailure,
  InvalidDataError,
  errorExitCode,
  errorMessage
};
