/**
 * Measurements kept from one run to the next: a side's snapshot, stored under a key made of
 * everything that can change its figures (the commit, the interpreter and platform, allocdiff's
 * and the harness's versions, the settings that change what is measured, `setup` and the files
 * it installs from, the variables Python reads), in a store: a folder (the CLI's `--cache DIR`)
 * or the Actions cache (the action; the toolkit is handed in by the entry point, the only place
 * that imports it). An entry is trusted only once it passes every check: its format, its key's
 * fields equal to this run's, its commit the side's, its snapshot valid against the schema and
 * taken by the interpreter the key names. Anything else is ignored with a warning, and the side
 * is measured.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { VERSION } from '../version.js';
import { decodeSnapshot } from './decode.js';
import type { Side } from './measure-sides.js';
import type { SideOutcome } from './outcome.js';
import { askInterpreter, harnessDirectory, type InterpreterFacts } from './interpreter.js';
import {
  NO_STRING,
  PEAK_SITES_MISSED,
  SNAPSHOT_SCHEMA,
  type RawScenario,
  type RawSiteTable,
  type RawSnapshot,
  type Snapshot,
  type SnapshotLocation,
  type SnapshotSite,
} from './snapshot.js';

/** The format of a stored entry; another is ignored. */
export const ENTRY_FORMAT = 'allocdiff.measurement/2';

/** Where measurements are kept: text by key. */
export interface MeasurementStore {
  /** How the log names it: `the cache folder ~/.cache/allocdiff`, `the Actions cache`. */
  readonly name: string;
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
}

/** The Actions cache as @actions/cache gives it (restore, save), handed in by the action. */
export interface ActionsCacheToolkit {
  restoreCache(paths: string[], primaryKey: string): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

/** A folder of entries, one file per key (the CLI's `--cache DIR`). */
export function directoryStore(dir: string): MeasurementStore {
  return {
    name: `the cache folder ${dir}`,
    async read(key) {
      try {
        return await readFile(join(dir, `${key}.json`), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(key, text) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // Written whole, then renamed: a reader never sees half an entry.
      const partial = join(dir, `.${key}.${randomBytes(6).toString('hex')}.partial`);
      try {
        await writeFile(partial, text, { mode: 0o600 });
        await rename(partial, join(dir, `${key}.json`));
      } finally {
        await rm(partial, { force: true });
      }
    },
  };
}

/**
 * The Actions cache: an entry travels as one file, `<folder>/<key>.json`, which the toolkit
 * archives and restores at that same path (the path is part of the Actions cache's version, so
 * `folder` must be the same from run to run: the runner's RUNNER_TEMP).
 */
export function actionsCacheStore(toolkit: ActionsCacheToolkit, folder: string): MeasurementStore {
  const pathOf = (key: string) => join(folder, `${key}.json`);
  return {
    name: 'the Actions cache',
    async read(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      try {
        if ((await toolkit.restoreCache([path], key)) !== key) return undefined;
        return await readFile(path, 'utf8');
      } finally {
        await rm(path, { force: true });
      }
    },
    async write(key, text) {
      const path = pathOf(key);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await writeFile(path, text, { mode: 0o600 });
      try {
        await toolkit.saveCache([path], key);
      } finally {
        await rm(path, { force: true });
      }
    },
  };
}

/** What a side's measurement depends on besides its commit and settings: the run's facts. */
interface RunFacts {
  harness: { version: string; digest: string };
  python: InterpreterFacts;
  benchmark: string;
  setup: string | null;
  environment: string;
}

/**
 * The settings of a measuring pass that change its figures. The sites at the peak are not among
 * them: they come from a run of their own after the measurement, so an entry that holds them for
 * more scenarios than a pass asks for serves it (see `load`).
 */
export interface MeasuredSettings {
  frames: number;
  repeats?: number;
  iterations?: number;
  objectTypes?: boolean;
  /** For a backend that measures tests apart: the tests whose objects are counted (all: absent). */
  objectTypesOf?: readonly string[];
  /** Objects counted before the call only, as a later pass counts them (SideOptions). */
  objectTypesLater?: boolean;
  /** The scenarios of an earlier run whose figures end their repeats once matched (`sameAs`). */
  sameAs?: { scenarios: readonly { name: string }[] };
  /** For a backend that measures scenarios apart: the ones this pass runs again. */
  only?: readonly string[];
}

/** The scenarios whose sites at the peak a pass looks for: all, or those named. */
export type PeakScenarios = true | readonly string[];

/** `SideOptions.peakSites` as the scenarios it asks for. */
export function peakScenarios(asked: boolean | readonly string[] | undefined): PeakScenarios {
  return asked === true ? true : asked === false || asked === undefined ? [] : asked;
}

/** Everything a measurement is keyed by; an entry holds it, and is trusted only when equal. */
export interface KeyFields extends RunFacts {
  format: typeof ENTRY_FORMAT;
  allocdiff: string;
  commit: string;
  setupInputs: string;
  measured: {
    frames: number;
    repeats: number;
    iterations: number;
    objectTypes: boolean;
    /** The tests whose objects were counted, when not every one. */
    objectTypesOf?: string[];
    objectTypesLater: boolean;
    /** The scenarios whose repeats stopped once they matched an earlier run, if any. */
    sameAs: string[] | null;
    only: string[] | null;
  };
}

interface Entry {
  format: typeof ENTRY_FORMAT;
  key: KeyFields;
  savedAt: string;
  /** The scenarios whose sites at the peak were looked for (`true`: every one). */
  peaks: true | string[];
  snapshot: RawSnapshot;
}

/** The files `setup` usually installs from, at a checkout's root. */
const SETUP_INPUTS =
  /^(pyproject\.toml|setup\.py|setup\.cfg|requirements.*\.txt|constraints.*\.txt|.*\.lock|Pipfile(\.lock)?|environment\.ya?ml)$/;

/**
 * Variables that change what Python or the harness does (`ALLOCDIFF_SHARD` among them): in the
 * key as a digest, their values being possibly secret.
 */
const KEYED_VARIABLES = /^(PYTHON|LC_|ALLOCDIFF_)|^(LANG|LANGUAGE|TZ)$/;

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Every file of the harness, hashed in name order: a changed harness is another key. The files
 * are read all at once: this is on the way of a run that the cache serves.
 */
async function harnessFacts(): Promise<RunFacts['harness']> {
  const dir = join(harnessDirectory(), 'allocdiff_harness');
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  /** The harness's files below `folder`, in name order, as `prefix` + name, and their paths. */
  const list = async (folder: string, prefix: string): Promise<[string, string][]> => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort(byName);
    const listed = await Promise.all(
      entries.map(async (entry): Promise<[string, string][]> => {
        if (entry.name === '__pycache__') return [];
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return list(path, `${prefix}${entry.name}/`);
        return entry.isFile() ? [[`${prefix}${entry.name}`, path]] : [];
      }),
    );
    return listed.flat();
  };
  const files = await list(dir, '');
  const contents = await Promise.all(files.map(([, path]) => readFile(path)));
  const hash = createHash('sha256');
  let version = '';
  files.forEach(([name], index) => {
    const bytes = contents[index];
    if (name === '__init__.py') {
      version = /__version__\s*=\s*"([^"]+)"/.exec(bytes.toString('utf8'))?.[1] ?? '';
    }
    hash.update(`${name}\0${sha256(bytes)}\0`);
  });
  return { version, digest: hash.digest('hex') };
}

/**
 * The snapshot as a JSON document (the harness's document, its site columns as lists and its
 * strings a list: what `decodeSnapshot` reads), for a store that keeps text.
 */
export function encodeSnapshot(snapshot: Snapshot): RawSnapshot {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const index = (text: string): number => {
    let found = indexes.get(text);
    if (found === undefined) {
      found = strings.length;
      strings.push(text);
      indexes.set(text, found);
    }
    return found;
  };
  const location = <T extends SnapshotLocation>(site: T) => ({
    ...site,
    file: index(site.file),
    ...(site.text !== undefined ? { text: index(site.text) } : {}),
    ...(site.function !== undefined ? { function: index(site.function) } : {}),
  });
  const table = (sites: readonly Omit<SnapshotSite, 'sizes' | 'counts'>[]): RawSiteTable => {
    const columns: RawSiteTable = {
      file: [],
      line: [],
      text: [],
      function: [],
      size: [],
      count: [],
    };
    const repeats: [number, number[], number[]][] = [];
    const tracebacks: NonNullable<RawSiteTable['tracebacks']> = [];
    sites.forEach((site, row) => {
      columns.file.push(index(site.file));
      columns.line.push(site.line);
      columns.text.push(site.text === undefined ? NO_STRING : index(site.text));
      columns.function.push(site.function === undefined ? NO_STRING : index(site.function));
      columns.size.push(site.size);
      columns.count.push(site.count);
      const { sizes, counts } = site as SnapshotSite;
      if (sizes && counts) repeats.push([row, sizes, counts]);
      if (site.tracebacks) {
        tracebacks.push([
          row,
          site.tracebacks.map((traceback) => ({
            ...traceback,
            frames: traceback.frames.map(location),
          })),
        ] as NonNullable<RawSiteTable['tracebacks']>[number]);
      }
    });
    return {
      ...columns,
      ...(repeats.length > 0 ? { repeats } : {}),
      ...(tracebacks.length > 0 ? { tracebacks } : {}),
    };
  };
  const scenarios = snapshot.scenarios.map((scenario): RawScenario => {
    const { sites, peak, leak, ...rest } = scenario;
    return {
      ...rest,
      sites: table(sites),
      ...(peak ? { peak: { ...peak, sites: table(peak.sites) } } : {}),
      ...(leak ? { leak: { ...leak, sites: leak.sites.map(location) } } : {}),
    } as RawScenario;
  });
  return {
    schema: snapshot.schema,
    harness: snapshot.harness,
    python: snapshot.python,
    platform: snapshot.platform,
    frames: snapshot.frames,
    repeats: snapshot.repeats,
    iterations: snapshot.iterations,
    timings: snapshot.timings,
    scenarios,
    strings,
    unmeasured: snapshot.unmeasured,
    ...(snapshot.foreignModules ? { foreignModules: snapshot.foreignModules } : {}),
    ...(snapshot.reads ? { reads: snapshot.reads } : {}),
  };
}

/** A measurement served from the store: the snapshot, and when it was taken. */
export interface CachedMeasurement {
  snapshot: Snapshot;
  savedAt: string;
}

/** `base: cached measurement of 1a2b3c4 from 2026-12-07 10:12 UTC`. */
export function cachedText(side: Side, commit: string, savedAt: string): string {
  const when = new Date(savedAt).toISOString().slice(0, 16).replace('T', ' ');
  return `${side}: cached measurement of ${commit.slice(0, 7)} from ${when} UTC`;
}

/** A run's measurement cache: its store, whether this run may write to it, and its facts. */
export class SideCache {
  private constructor(
    private readonly store: MeasurementStore,
    private readonly saves: (side: Side) => boolean,
    private readonly facts: RunFacts,
  ) {}

  /**
   * The run's facts: the interpreter is asked its version and platform (interpreter.ts; its
   * answer remembered in `rememberIn`, when given), the harness's files are hashed. A string says why there are none (the interpreter could not
   * tell its version).
   */
  static async facts(options: {
    python: string;
    /** The variables pull-request code receives (already stripped of secrets). */
    env: NodeJS.ProcessEnv;
    benchmark: string;
    setup: string | undefined;
    /** A folder the interpreter's answer may be remembered in (interpreter.ts). */
    rememberIn?: string;
  }): Promise<RunFacts | string> {
    const { env } = options;
    const [harness, python] = await Promise.all([
      harnessFacts(),
      askInterpreter(options.python, env, options.rememberIn),
    ]);
    if (typeof python === 'string') return python;
    const variables = Object.keys(env)
      .filter((name) => KEYED_VARIABLES.test(name))
      .sort()
      .map((name) => `${name}=${env[name]}`);
    return {
      harness,
      python,
      benchmark: options.benchmark,
      setup: options.setup ?? null,
      environment: sha256(variables.join('\0')),
    };
  }

  /**
   * The cache of one run: its store, which sides it saves, and the run's facts (`facts`).
   * Undefined, with a warning, when there are none: nothing is then read or kept.
   */
  static open(options: {
    store: MeasurementStore;
    save: (side: Side) => boolean;
    facts: RunFacts | string;
    log: Logger;
  }): SideCache | undefined {
    if (typeof options.facts === 'string') {
      options.log.warning(`no measurement cache this run: ${options.facts}`);
      return undefined;
    }
    return new SideCache(options.store, options.save, options.facts);
  }

  /**
   * The key's fields for a side's commit, the entries at the root of its tree (`git ls-tree`:
   * the files `setup` installs from are keyed by their objects, which name their content) and
   * its measuring settings.
   */
  fieldsOf(
    commit: string,
    rootEntries: readonly { path: string; mode: string; object: string }[],
    measured: MeasuredSettings,
  ): KeyFields {
    const inputs = rootEntries
      .filter((entry) => SETUP_INPUTS.test(entry.path))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((entry) => `${entry.path}\0${entry.mode}\0${entry.object}`);
    return {
      format: ENTRY_FORMAT,
      allocdiff: VERSION,
      commit,
      ...this.facts,
      setupInputs: sha256(inputs.join('\0')),
      measured: {
        frames: measured.frames,
        repeats: measured.repeats ?? 1,
        iterations: measured.iterations ?? 0,
        objectTypes: measured.objectTypes ?? false,
        ...(measured.objectTypes && measured.objectTypesOf
          ? { objectTypesOf: [...measured.objectTypesOf].sort() }
          : {}),
        objectTypesLater: measured.objectTypesLater ?? false,
        // Without repeats, an earlier run ends nothing.
        sameAs:
          measured.sameAs && (measured.repeats ?? 1) > 1
            ? measured.sameAs.scenarios.map((s) => s.name).sort()
            : null,
        only: measured.only ? [...measured.only].sort() : null,
      },
    };
  }

  /** The store's key for those fields: the commit, readable, and a digest of the rest. */
  static keyOf(fields: KeyFields): string {
    return `allocdiff-measurement-${fields.commit.slice(0, 12)}-${sha256(JSON.stringify(fields)).slice(0, 32)}`;
  }

  /**
   * The side's measurement from the store, when an entry passes every check and looked for the
   * sites at the peak of every scenario `peaks` asks for (it is served with those alone);
   * undefined when there is none, or (with a warning that says why) when the one there is not
   * trusted.
   */
  async load(
    side: Side,
    fields: KeyFields,
    peaks: PeakScenarios,
    log: Logger,
  ): Promise<CachedMeasurement | undefined> {
    const key = SideCache.keyOf(fields);
    let text: string | undefined;
    try {
      text = await this.store.read(key);
    } catch (error) {
      log.warning(`${this.store.name} could not be read (${key}): ${errorMessage(error)}`);
      return undefined;
    }
    if (text === undefined) {
      log.info(
        `${side}: no cached measurement of ${fields.commit.slice(0, 7)} in ${this.store.name}`,
      );
      return undefined;
    }
    const problem = (why: string) => {
      log.warning(
        `${side}: the cached measurement ${key} in ${this.store.name} is ignored and ` +
          `${side} is measured: ${why}`,
      );
      return undefined;
    };
    let entry: Partial<Entry>;
    try {
      entry = JSON.parse(text) as Partial<Entry>;
    } catch (error) {
      return problem(`it is not valid JSON (${errorMessage(error)})`);
    }
    if (typeof entry !== 'object' || entry === null) return problem('it is not a JSON object');
    if (entry.format !== ENTRY_FORMAT)
      return problem(`its format is ${JSON.stringify(entry.format)}, not ${ENTRY_FORMAT}`);
    if (entry.key?.commit !== fields.commit)
      return problem(`it is of commit ${JSON.stringify(entry.key?.commit)}, not ${fields.commit}`);
    if (JSON.stringify(entry.key) !== JSON.stringify(fields))
      return problem('its key fields are not those of this run');
    if (typeof entry.savedAt !== 'string' || Number.isNaN(Date.parse(entry.savedAt)))
      return problem('it does not say when it was measured');
    let snapshot: Snapshot;
    try {
      snapshot = decodeSnapshot(entry.snapshot, 'its snapshot');
    } catch (error) {
      return problem(errorMessage(error));
    }
    const { python } = fields;
    if (
      snapshot.python.version !== python.version ||
      snapshot.python.implementation !== python.implementation ||
      (snapshot.platform !== '' && snapshot.platform !== python.platform) ||
      snapshot.harness.version !== fields.harness.version
    )
      return problem('its snapshot was taken by another interpreter, platform or harness');
    if (!trustworthy(snapshot)) return problem('it holds a failed scenario');
    const had = entry.peaks;
    if (had !== true && !(Array.isArray(had) && had.every((name) => typeof name === 'string')))
      return problem('it does not say which sites at the peak it looked for');
    const names = snapshot.scenarios.map((scenario) => scenario.name);
    const wanted = peaks === true ? names : peaks;
    const missing = wanted.filter((name) => had !== true && !had.includes(name));
    if (missing.length > 0) {
      log.info(
        `${side}: the cached measurement of ${fields.commit.slice(0, 7)} did not look for the ` +
          `sites at the peak of ${missing.join(', ')}: ${side} is measured`,
      );
      return undefined;
    }
    log.info(cachedText(side, fields.commit, entry.savedAt));
    return { snapshot: withPeaksOf(snapshot, wanted), savedAt: entry.savedAt };
  }

  /** Keeps a side's measurement, when this run saves that side and the outcome is worth it. */
  async save(
    side: Side,
    fields: KeyFields,
    peaks: PeakScenarios,
    outcome: SideOutcome,
    log: Logger,
  ): Promise<void> {
    if (!this.saves(side) || outcome.kind !== 'measured' || !trustworthy(outcome.snapshot)) return;
    const key = SideCache.keyOf(fields);
    // A hooked run that found no sites (it failed, missed the peak, or went far past it) is
    // not kept as one that looked: a later run that wants those sites measures the side again.
    const missed = new Set(
      outcome.snapshot.unmeasured
        .filter((note) => note.what === PEAK_SITES_MISSED)
        .map((note) => note.scenario),
    );
    const names = outcome.snapshot.scenarios.map((scenario) => scenario.name);
    const looked =
      missed.size === 0
        ? peaks
        : (peaks === true ? names : peaks).filter(
            (name) => !missed.has(name) && !missed.has(undefined),
          );
    const entry: Entry = {
      format: ENTRY_FORMAT,
      key: fields,
      savedAt: new Date().toISOString(),
      peaks: looked === true ? true : [...looked].sort(),
      snapshot: encodeSnapshot(outcome.snapshot),
    };
    try {
      await this.store.write(key, JSON.stringify(entry));
      log.info(`${side}: measurement of ${fields.commit.slice(0, 7)} saved in ${this.store.name}`);
    } catch (error) {
      log.warning(`${side}: ${this.store.name} could not keep ${key}: ${errorMessage(error)}`);
    }
  }
}

/**
 * The snapshot as a pass that looks for the sites at the peak of `wanted` alone measures it: the
 * peak run is one of its own after the measurement, so the others' sites (and notes) go.
 */
function withPeaksOf(snapshot: Snapshot, wanted: readonly string[]): Snapshot {
  const scenarios = snapshot.scenarios.map((scenario) => {
    if (!scenario.peak || wanted.includes(scenario.name)) return scenario;
    const rest = { ...scenario };
    delete rest.peak;
    return rest;
  });
  const unmeasured = snapshot.unmeasured.filter(
    (note) =>
      note.what !== PEAK_SITES_MISSED ||
      (note.scenario === undefined ? wanted.length > 0 : wanted.includes(note.scenario)),
  );
  return { ...snapshot, scenarios, unmeasured };
}

/** A measurement worth keeping and trusting: every scenario ran, all of its own code. */
function trustworthy(snapshot: Snapshot): boolean {
  return (
    snapshot.schema === SNAPSHOT_SCHEMA &&
    !snapshot.foreignModules &&
    snapshot.scenarios.every((scenario) => scenario.status === 'ok')
  );
}
