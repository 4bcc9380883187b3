import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { BudgetSyntaxError } from '../../src/budgets/rules.js';
import { readSnapshot } from '../../src/capture/side-runner.js';
import { decodeSnapshot } from '../../src/capture/decode.js';
import { ConfigError } from '../../src/config/problems.js';
import {
  errorExitCode,
  ExitCode,
  InvalidDataError,
  RunFailure,
  UsageError,
} from '../../src/errors.js';
import { ARTIFACT_FILES, readArtifact } from '../../src/publish/artifact.js';
import { GitHubApiError } from '../../src/publish/octokit.js';
import { ArtifactMismatchError } from '../../src/publish/report-mode.js';
import { parseReport } from '../../src/report/report-schema.js';

const folder = mkdtempSync(join(tmpdir(), 'allocdiff-errors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** What a call throws; the test fails when it throws nothing. */
async function thrownBy(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('exit codes by kind of error', () => {
  it('gives each kind its code: usage 2, a run that could not be done 3, invalid data 4', () => {
    expect(errorExitCode(new UsageError('bad flag'))).toBe(2);
    expect(errorExitCode(new ConfigError(['fail-on: got "x"']))).toBe(2);
    expect(errorExitCode(new BudgetSyntaxError(['"5%" is not a limit']))).toBe(2);
    expect(errorExitCode(new RunFailure('git failed'))).toBe(3);
    expect(errorExitCode(new GitHubApiError('GET /x', 502, 'bad gateway'))).toBe(3);
    expect(errorExitCode(new InvalidDataError('snapshot x.json is not valid JSON'))).toBe(4);
    expect(errorExitCode(new ArtifactMismatchError('refusing artifact'))).toBe(4);
    expect(ExitCode).toEqual({ Ok: 0, BudgetExceeded: 1, Usage: 2, Failure: 3, InvalidData: 4 });
  });

  it('counts any other error as a failure of the run, whatever exit code it carries', () => {
    expect(errorExitCode(new TypeError('x is undefined'))).toBe(3);
    expect(errorExitCode(Object.assign(new Error('a child process'), { exitCode: 128 }))).toBe(3);
    expect(errorExitCode('thrown text')).toBe(3);
  });
});

describe('invalid data', () => {
  it('is what a snapshot that is not JSON, or not a snapshot of this version, is', async () => {
    const garbled = join(folder, 'garbled.json');
    writeFileSync(garbled, '{"schema": ');
    const notJson = await thrownBy(() => readSnapshot(garbled));
    expect(notJson).toBeInstanceOf(InvalidDataError);
    expect(errorExitCode(notJson)).toBe(4);
    expect((notJson as Error).message).toContain(`snapshot ${garbled} is not valid JSON`);

    const other = await thrownBy(() =>
      decodeSnapshot({ schema: 'allocdiff.snapshot/2', scenarios: [] }, 'snapshot y'),
    );
    expect(other).toBeInstanceOf(InvalidDataError);
    expect((other as Error).message).toContain('different allocdiff versions');
  });

  it('is what an artifact that is no zip, or holds no valid report, is', async () => {
    const notZip = await thrownBy(() => readArtifact(strToU8('not a zip'), 'allocdiff-default'));
    expect(notZip).toBeInstanceOf(InvalidDataError);
    expect((notZip as Error).message).toContain('is not a readable zip archive');

    const zip = zipSync({
      [ARTIFACT_FILES.report]: strToU8('{"verdict": "pass"}'),
      [ARTIFACT_FILES.pullRequest]: strToU8('{}'),
    });
    const badReport = await thrownBy(() => readArtifact(zip, 'allocdiff-default'));
    expect(badReport).toBeInstanceOf(InvalidDataError);
    expect((badReport as Error).message).toContain('is not a valid allocdiff report');
    expect(errorExitCode(await thrownBy(() => parseReport([], 'report.json')))).toBe(4);
  });
});
