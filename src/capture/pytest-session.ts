/**
 * A pytest command that serves several passes from one start (the plugin's `serve_passes`,
 * python/allocdiff_harness/pytest_plugin.py): pytest starts and collects once, then runs the
 * first run in a child forked from it; once that child has ended, the process waits for the next
 * pass allocdiff asks for (the deep pass, the traceback pass), each again in a child forked from
 * the collected session, or for `stop`. What a pass measured is written into its own folder, as
 * a run of the command's processes is, and merged the same way (command-backend.ts). A pass's
 * child exits as soon as that is written (the plugin's `EndAtFinish`): its output, the pass's,
 * still ends with pytest's report of the tests that failed, and its exit status is pytest's.
 *
 * The handshake is files in one folder: `serving` (written by the session when it starts
 * serving), `pass-<n>.done` (the pass's exit status), `pass-<n>.json` (the next pass, written by
 * allocdiff, renamed into place). A command that does not serve (not pytest, pytest-xdist,
 * collection errors) simply exits: its run is an ordinary one.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { keepTail, type ProcessResult } from './process.js';
import type { MeasuredRun, SideRunner } from './side-runner.js';

/** How often the handshake's files are looked for. */
const POLL_MS = 20;

/** The digits of `ALLOCDIFF_SESSION_WAIT` (zeros first), as every number given to the harness. */
const WAIT_DIGITS = 10;

/** The session folder of a run whose files are in `workDir`. */
export function sessionDir(workDir: string): string {
  return join(workDir, 'session');
}

/**
 * A session's variables, as blanks of the length the session gives them (`dir` being the
 * length of its folder): every run of a command has them, so that its environment has one shape
 * whether pytest serves its passes or not (the harness reads a blank value as none).
 */
export function blankSessionVariables(dir: string): Record<string, string> {
  return {
    ALLOCDIFF_SESSION_DIR: ' '.repeat(Buffer.byteLength(dir)),
    ALLOCDIFF_SESSION_WAIT: ' '.repeat(WAIT_DIGITS),
    ALLOCDIFF_SESSION_FIRST: ' '.repeat('wait'.length),
  };
}

/** A pass's end: its exit status and output, or the command's end before the pass ended. */
export type PassEnd =
  { kind: 'done'; result: ProcessResult } | { kind: 'exited'; run: MeasuredRun };

export class PytestSession {
  private tail = '';
  private ended: MeasuredRun | undefined;
  private constructor(
    private readonly dir: string,
    private readonly run: Promise<MeasuredRun>,
    private log: Logger,
    /** Whether its processes run with address randomisation off (exact peaks). */
    readonly fixedAddresses: boolean,
    /** The passes asked for so far (the first, unasked, counts unless started ahead). */
    private passes: number,
  ) {
    void run.then((ended) => {
      this.ended = ended;
    });
  }

  /**
   * Runs `command` with the variables of a session in `dir` (an empty folder): resolves once
   * its first pass has ended, the session waiting for the next, or once the command has exited
   * (it did not serve, or failed before its first pass ended).
   */
  static async start(
    runner: SideRunner,
    command: string,
    cwd: string,
    variables: Record<string, string>,
    dir: string,
    log: Logger,
  ): Promise<
    | { kind: 'serving'; session: PytestSession; first: Extract<PassEnd, { kind: 'done' }> }
    | Extract<PassEnd, { kind: 'exited' }>
  > {
    // Its first pass too is asked for (at once): each pass's child takes its variables from its
    // request, so that every pass starts from an environment of one shape (the session's own
    // variables blank again, as in a run that is no session's).
    await writeRequest(dir, 1, { environ: variables });
    const session = await PytestSession.launch(runner, command, cwd, variables, dir, log, false);
    const first = await session.waitFor(1);
    if (first.kind === 'exited' || !existsSync(join(dir, 'serving'))) {
      return { kind: 'exited', run: first.kind === 'exited' ? first.run : await session.run };
    }
    return { kind: 'serving', session, first };
  }

  /**
   * Starts `command` ahead of its first pass (while something else runs): pytest starts and
   * collects, then waits for its first pass too (`pass`). See `ready`.
   */
  static ahead(
    runner: SideRunner,
    command: string,
    cwd: string,
    variables: Record<string, string>,
    dir: string,
    log: Logger,
  ): Promise<PytestSession> {
    return PytestSession.launch(runner, command, cwd, variables, dir, log, true);
  }

  private static async launch(
    runner: SideRunner,
    command: string,
    cwd: string,
    variables: Record<string, string>,
    dir: string,
    log: Logger,
    ahead: boolean,
  ): Promise<PytestSession> {
    // Output before the session exists (none: the command has not started yet) goes nowhere.
    const to: { session?: PytestSession } = {};
    const fixedAddresses = await runner.fixedAddresses();
    const run = runner.injected(
      command,
      cwd,
      {
        ...variables,
        ALLOCDIFF_SESSION_DIR: dir,
        // Never waiting past the side's deadline, when its processes are killed anyway.
        ALLOCDIFF_SESSION_WAIT: String(
          Math.max(1, Math.ceil((runner.deadline - Date.now()) / 1000)),
        ).padStart(WAIT_DIGITS, '0'),
        ALLOCDIFF_SESSION_FIRST: ahead
          ? 'wait'
          : blankSessionVariables(dir).ALLOCDIFF_SESSION_FIRST,
      },
      (chunk) => to.session?.output(chunk),
    );
    const session = new PytestSession(dir, run, log, fixedAddresses, ahead ? 0 : 1);
    to.session = session;
    return session;
  }

  /**
   * A session started ahead: whether it serves (it has collected and waits for its first pass);
   * false when it cannot (pytest-xdist, collection errors: it then ran no test) or has ended.
   */
  async ready(): Promise<boolean> {
    for (;;) {
      if (existsSync(join(this.dir, 'serving'))) return this.serving;
      if (existsSync(join(this.dir, 'cannot-serve')) || this.ended) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Whether the command still runs, waiting for a pass. */
  get serving(): boolean {
    return this.ended === undefined;
  }

  /**
   * The next pass: the session forks a child whose environment gets `environ` (the pass's
   * `ALLOCDIFF_*` variables), its output shown in `log`.
   */
  async pass(environ: Record<string, string>, log: Logger): Promise<PassEnd> {
    this.log = log;
    this.passes += 1;
    await this.ask({ environ });
    return this.waitFor(this.passes);
  }

  /** Ends the session; resolves once the command has exited. */
  async stop(): Promise<MeasuredRun> {
    if (this.ended) return this.ended;
    await this.ask({ stop: true }).catch(() => undefined);
    return this.run;
  }

  private output(chunk: string): void {
    this.tail = keepTail(this.tail + chunk);
    this.log.output(chunk);
  }

  /** Writes the next pass's request, whole (renamed into place). */
  private async ask(request: { stop: true } | { environ: Record<string, string> }): Promise<void> {
    const number = 'stop' in request ? this.passes + 1 : this.passes;
    await writeRequest(this.dir, number, request);
  }

  /** Pass `number`'s end, or the command's, whichever comes first. */
  private async waitFor(number: number): Promise<PassEnd> {
    const done = join(this.dir, `pass-${number}.done`);
    for (;;) {
      if (existsSync(done)) {
        const status = Number.parseInt(await readFile(done, 'utf8'), 10);
        const outputTail = this.tail;
        this.tail = '';
        return {
          kind: 'done',
          result: { exitCode: Number.isNaN(status) ? 1 : status, signal: null, outputTail },
        };
      }
      if (this.ended) return { kind: 'exited', run: this.ended };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/** Writes pass `number`'s request into the session folder `dir`, whole (renamed into place). */
async function writeRequest(
  dir: string,
  number: number,
  request: { stop: true } | { environ: Record<string, string> },
): Promise<void> {
  const next = join(dir, `pass-${number}.json`);
  await writeFile(`${next}.partial`, JSON.stringify(request));
  await rename(`${next}.partial`, next);
}
