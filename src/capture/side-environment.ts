/**
 * A Python environment of its own for each side when there is a `setup`: what `setup` installs
 * (`pip install -e .`) goes into the side's environment, never into the user's, and base and head
 * cannot import each other's code, so they may run at once.
 *
 * Each side's environment is a virtual environment made with `<python> -m venv
 * --system-site-packages` outside the checkout, at a path as long as the other side's (path
 * strings are measured memory). It is made on the side's first use and used by every later run
 * of that side (repeats, the deeper pass, the traceback pass) until `dispose`. It sees everything
 * the user's interpreter sees: the base interpreter's packages through `--system-site-packages`,
 * and, when the user's interpreter is itself a virtual environment, that environment's
 * site-packages too, through a `.pth` file that adds them after the side's own.
 */
import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Logger } from '../log.js';
import type { Protected } from './isolation.js';
import { lastLines, runProcess, type ProcessResult } from './process.js';
import type { ScenarioError } from './snapshot.js';

/** What a run needs of the side's environment: the interpreter and the variables to use. */
export interface ActiveEnvironment {
  python: string;
  env: NodeJS.ProcessEnv;
}

/** What the user's interpreter says about itself. */
interface Probe {
  /** `3.12`: the suffix of `pip3.12`. */
  version: string;
  /** Whether it can import pip. */
  pip: boolean;
  /** Its site-packages that its base interpreter does not have (it is a virtual environment). */
  ownSitePackages: string[];
}

const PROBE = `
import importlib.util, json, site, sys
own = site.getsitepackages() if hasattr(site, "getsitepackages") else []
base = site.getsitepackages([sys.base_prefix]) if sys.prefix != sys.base_prefix else own
print(json.dumps({
    "version": "%d.%d" % sys.version_info[:2],
    "pip": importlib.util.find_spec("pip") is not None,
    "ownSitePackages": [path for path in own if path not in base],
}))
`;

/** What the environment's interpreter says about itself. */
interface Check {
  path: string[];
  pip: boolean;
}

const CHECK = `
import importlib.util, json, sys
print(json.dumps({"path": sys.path, "pip": importlib.util.find_spec("pip") is not None}))
`;

/** The `.pth` that adds the user's own site-packages; it sorts after what setup installs. */
export const USER_SITE_PTH = 'zz-allocdiff-user-site.pth';

/** One side's virtual environment. */
export class SideEnvironment {
  private made?: Promise<ScenarioError | undefined>;
  /** Whether `setup` ran in this side's checkout and environment and succeeded. */
  setupDone = false;

  constructor(
    /** The virtual environment's folder (empty before the first `activate`). */
    readonly dir: string,
    private readonly python: string,
  ) {}

  /**
   * The interpreter and variables of this side's environment, made on the first call (its
   * processes killed at `deadline`); later calls reuse it. A ScenarioError when it cannot be
   * made: the side then fails with that error rather than touch the user's environment.
   */
  async activate(
    env: NodeJS.ProcessEnv,
    log: Logger,
    deadline: number,
    protect?: Protected,
  ): Promise<ActiveEnvironment | ScenarioError> {
    this.made ??= this.make(env, log, deadline, protect).catch((error: Error): ScenarioError => ({
      type: 'EnvironmentFailed',
      message: `could not make a virtual environment for this side: ${error.message}`,
      output: '',
    }));
    const failure = await this.made;
    if (failure) return failure;
    const bin = join(this.dir, 'bin');
    const active: NodeJS.ProcessEnv = {
      ...env,
      VIRTUAL_ENV: this.dir,
      PATH: [bin, env.PATH].filter(Boolean).join(delimiter),
    };
    // As `activate` does: a PYTHONHOME would point the interpreter away from the environment.
    delete active.PYTHONHOME;
    return { python: join(bin, 'python'), env: active };
  }

  private async make(
    env: NodeJS.ProcessEnv,
    log: Logger,
    deadline: number,
    protect: Protected | undefined,
  ): Promise<ScenarioError | undefined> {
    const run = (command: string, args: readonly string[], shown = true) =>
      runProcess(command, args, {
        cwd: tmpdir(),
        env,
        onOutput: shown ? (chunk) => log.output(chunk) : () => undefined,
        deadline,
        ...(protect ? { protect } : {}),
      });
    const fail = (what: string, result?: ProcessResult): ScenarioError => ({
      type: result?.timedOut ? 'TimedOut' : 'EnvironmentFailed',
      message:
        'could not make a virtual environment for this side (with a setup, each side runs in ' +
        `one of its own, so that setup never installs into the user's Python): ${what}` +
        (result ? ` ${exitOf(result)}` : ''),
      output: result ? lastLines(result.outputTail) : '',
    });
    const python = join(this.dir, 'bin', 'python');
    const checkEnvironment = async (): Promise<Check | ScenarioError> => {
      const result = await run(python, ['-c', CHECK], false);
      const check = lastJson<Check>(result);
      return check ?? fail(`${python} -c <check>`, result);
    };

    log.info(`Python environment of this side: ${this.dir} (${this.python} -m venv)`);
    const [probeRun, venv] = await Promise.all([
      run(this.python, ['-c', PROBE], false),
      run(this.python, ['-m', 'venv', '--system-site-packages', '--without-pip', this.dir]),
    ]);
    if (venv.exitCode !== 0) return fail(`${this.python} -m venv`, venv);
    const probe = lastJson<Probe>(probeRun);
    if (!probe) return fail(`${this.python} -c <probe>`, probeRun);
    const { ownSitePackages, version } = probe;
    let { pip } = probe;

    if (ownSitePackages.length > 0) {
      let check = await checkEnvironment();
      if ('type' in check) return check;
      // The user's interpreter is a virtual environment: its site-packages are added with
      // `addsitedir`, not as plain paths, so that the `.pth` files in them (editable installs,
      // namespace packages) take effect as they do for the user's interpreter.
      const sitePackages = check.path.find((path) => path.startsWith(`${this.dir}/`));
      if (!sitePackages) return fail(`no site-packages folder in ${this.dir}`);
      const lines = ownSitePackages.map(
        (path) => `import site; site.addsitedir(${JSON.stringify(path)})`,
      );
      await writeFile(join(sitePackages, USER_SITE_PTH), `${lines.join('\n')}\n`);
      check = await checkEnvironment();
      if ('type' in check) return check;
      const seen = check.path;
      const unseen = ownSitePackages.filter((path) => !seen.includes(path));
      if (unseen.length > 0) return fail(`it does not see ${unseen.join(', ')}`);
    }

    // `--without-pip` is quick: pip comes from the packages the environment sees (all those the
    // user's interpreter sees), run by the environment's interpreter (so it installs there).
    // Without one, pip is installed into the environment; failing that, `pip` says why it cannot
    // run rather than reach another Python.
    if (!pip) {
      // The base interpreter's packages may still have one.
      const check = await checkEnvironment();
      if ('type' in check) return check;
      pip = check.pip;
    }
    if (!pip) {
      log.info(`${this.python} has no pip: installing one into this side's environment`);
      const ensurepip = await run(python, ['-m', 'ensurepip', '--default-pip']);
      if (ensurepip.timedOut) return fail(`${python} -m ensurepip`, ensurepip);
      if (ensurepip.exitCode === 0) return undefined;
      log.warning(`no pip in this side's Python environment: ensurepip ${exitOf(ensurepip)}`);
    }
    const script = pip
      ? `exec ${shellQuote(python)} -m pip "$@"\n`
      : `echo ${shellQuote(
          `allocdiff: pip is not available in this side's Python environment: ${this.python} ` +
            'has no pip module and ensurepip could not install one; install pip for it',
        )} >&2\nexit 1\n`;
    for (const name of ['pip', 'pip3', `pip${version}`]) {
      const path = join(this.dir, 'bin', name);
      await writeFile(path, `#!/bin/sh\n${script}`);
      await chmod(path, 0o755);
    }
    return undefined;
  }
}

/** Both sides' environments, in one folder, removed together. */
export class SideEnvironments {
  private constructor(
    private readonly root: string,
    readonly base: SideEnvironment,
    readonly head: SideEnvironment,
  ) {}

  /** Reserves a folder for the environments; each is made on its side's first use. */
  static async create(
    python: string,
    tempRoot = process.env.RUNNER_TEMP || tmpdir(),
  ): Promise<SideEnvironments> {
    const root = await mkdtemp(join(await realpath(tempRoot), 'allocdiff-env-'));
    // `base` and `head`: paths of equal length. Both exist from the start, so that each can be
    // made read-only to the other side's processes before it is filled.
    await Promise.all(['base', 'head'].map((side) => mkdir(join(root, side), { mode: 0o700 })));
    return new SideEnvironments(
      root,
      new SideEnvironment(join(root, 'base'), python),
      new SideEnvironment(join(root, 'head'), python),
    );
  }

  private disposing?: Promise<void>;

  /** Removes both environments; every call waits for the one removal. */
  dispose(): Promise<void> {
    return (this.disposing ??= rm(this.root, { recursive: true, force: true }));
  }
}

/**
 * `options` with the side's environment active (its interpreter as `python`, its variables as
 * `env`), or the error that says why it could not be made. Without an environment (no `setup`),
 * `options` as they are.
 */
export async function withSideEnvironment<
  T extends {
    python: string;
    env: NodeJS.ProcessEnv;
    log: Logger;
    environment?: SideEnvironment;
    protect?: Protected;
  },
>(options: T, deadline: number): Promise<{ options: T } | { failure: ScenarioError }> {
  if (!options.environment) return { options };
  const active = await options.environment.activate(
    options.env,
    options.log,
    deadline,
    options.protect,
  );
  if ('type' in active) return { failure: active };
  return { options: { ...options, ...active } };
}

function exitOf(result: ProcessResult): string {
  if (result.timedOut) return 'timed out and was killed';
  if (result.spawnError) return `could not be started: ${result.spawnError.message}`;
  if (result.signal) return `killed by ${result.signal}`;
  return `exited with code ${result.exitCode}`;
}

/** The JSON line a successful run printed last (warnings may come around it). */
function lastJson<T>(result: ProcessResult): T | undefined {
  if (result.exitCode !== 0) return undefined;
  for (const line of result.outputTail.split('\n').reverse()) {
    if (!/^[[{]/.test(line)) continue;
    try {
      return JSON.parse(line) as T;
    } catch {
      // Not the line printed: look further up.
    }
  }
  return undefined;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
