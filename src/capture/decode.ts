/**
 * Turns a snapshot file as the harness writes it (schema 3: site lists as columns, strings
 * stored once in `strings` and referenced by index) into the in-memory `Snapshot`, where every
 * site is an object carrying its strings. One pass over each column, and one object per site.
 */
import { InvalidDataError } from '../errors.js';
import {
  NO_STRING,
  SITE_COLUMNS,
  SNAPSHOT_SCHEMA,
  siteTable,
  snapshotDocument,
  type RawScenario,
  type RawSiteTable,
  type RawSnapshot,
  type Snapshot,
  type SnapshotLocation,
  type SnapshotScenario,
  type SnapshotSite,
  type StringIndex,
} from './snapshot.js';

type Encoded = { file: StringIndex; line: number; text?: StringIndex; function?: StringIndex };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Each site column and the range of the whole numbers it holds, as the contract declares them. */
const COLUMN_RANGES = SITE_COLUMNS.map((name) => {
  const element = siteTable.shape[name].element;
  return { name, min: element.minValue!, max: element.maxValue! };
});

/**
 * Whether `column` is a list of whole numbers from `min` to `max`: what the schema checks of a
 * site column value by value, in one loop over it.
 */
export function isWholeColumn(column: unknown, min: number, max: number): column is number[] {
  if (!Array.isArray(column)) return false;
  for (let index = 0; index < column.length; index += 1) {
    const value: unknown = column[index];
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
      return false;
  }
  return true;
}

/** Whether `list` is a list of strings: what the schema checks of the string table. */
export function isStringList(list: unknown): list is string[] {
  if (!Array.isArray(list)) return false;
  for (let index = 0; index < list.length; index += 1)
    if (typeof list[index] !== 'string') return false;
  return true;
}

/** The string table and site columns set aside from the document the schema checks. */
interface SetAside {
  /** What the schema checks: the document with those columns emptied (copies; it is unchanged). */
  document: unknown;
  /** Puts the columns back into the schema's output. */
  restore(parsed: RawSnapshot): void;
}

/**
 * The schema checks every value of a site column (and of the string table) on its own, most of
 * the time a large snapshot takes to read; one loop checks the same. Each list found valid here
 * is emptied in the copy the schema checks and put back after; a list with any value outside
 * the contract is left in place, for the schema to name each one as it always does.
 */
function setColumnsAside(document: Record<string, unknown>): SetAside {
  const taken: { scenario: number; peak: boolean; name: string; column: number[] }[] = [];
  const lighten = (table: unknown, scenario: number, peak: boolean): unknown => {
    if (!isObject(table)) return table;
    const light: Record<string, unknown> = { ...table };
    for (const { name, min, max } of COLUMN_RANGES) {
      const column = table[name];
      if (!isWholeColumn(column, min, max) || column.length === 0) continue;
      light[name] = [];
      taken.push({ scenario, peak, name, column });
    }
    return light;
  };
  const scenarios = (document.scenarios as unknown[]).map((scenario, index) => {
    if (!isObject(scenario)) return scenario;
    const light: Record<string, unknown> = { ...scenario };
    if ('sites' in scenario) light.sites = lighten(scenario.sites, index, false);
    if (isObject(scenario.peak) && 'sites' in scenario.peak)
      light.peak = { ...scenario.peak, sites: lighten(scenario.peak.sites, index, true) };
    return light;
  });
  const strings = isStringList(document.strings) ? document.strings : undefined;
  return {
    document: { ...document, scenarios, ...(strings ? { strings: [] } : {}) },
    restore(parsed) {
      if (strings) parsed.strings = strings;
      for (const { scenario, peak, name, column } of taken) {
        const parsedScenario = parsed.scenarios[scenario]!;
        const table = peak ? parsedScenario.peak!.sites : parsedScenario.sites;
        (table as Record<string, unknown>)[name] = column;
      }
    },
  };
}

/** Problems listed in a message about a document that does not match the schema. */
const PROBLEMS_SHOWN = 10;

/**
 * Checks a snapshot against the contract (`snapshotDocument`: every field's type, every figure
 * a finite number, whole where it counts bytes or blocks) and what the schema cannot say (the
 * columns of a site table line up, every string index is in the table), and resolves every
 * string index. Throws an InvalidDataError naming `what` (e.g. `snapshot /tmp/x.json`) and
 * each problem's place in the document.
 */
export function decodeSnapshot(document: unknown, what: string): Snapshot {
  if (!isObject(document)) throw new InvalidDataError(`${what} is not a JSON object`);
  if (document.schema !== SNAPSHOT_SCHEMA) {
    throw new InvalidDataError(
      `${what} has schema ${JSON.stringify(document.schema)}, expected ${SNAPSHOT_SCHEMA} ` +
        '(the harness and the action come from different allocdiff versions)',
    );
  }
  if (!Array.isArray(document.scenarios)) throw new InvalidDataError(`${what} has no scenarios`);
  const aside = setColumnsAside(document);
  const checked = snapshotDocument.safeParse(aside.document);
  if (!checked.success) {
    // The decoder's own checks name a malformed site table in its words, when they catch it.
    try {
      resolve(document as unknown as RawSnapshot, what);
    } catch (error) {
      if (error instanceof InvalidDataError) throw error;
    }
    const { issues } = checked.error;
    const problems = issues
      .slice(0, PROBLEMS_SHOWN)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    if (issues.length > PROBLEMS_SHOWN)
      problems.push(`… and ${issues.length - PROBLEMS_SHOWN} more`);
    throw new InvalidDataError(
      `${what} does not match the snapshot schema ${SNAPSHOT_SCHEMA}:\n  ${problems.join('\n  ')}`,
    );
  }
  aside.restore(checked.data);
  return resolve(checked.data, what);
}

/** The document with its string indexes resolved; throws for what the schema cannot check. */
function resolve(raw: RawSnapshot, what: string): Snapshot {
  const strings = Array.isArray(raw.strings) ? raw.strings : [];

  const text = (index: StringIndex, key: string): string => {
    const value = strings[index];
    if (typeof value !== 'string')
      throw new InvalidDataError(
        `${what}: ${key} refers to string ${index}, not in its string table`,
      );
    return value;
  };
  // The parsed document is ours: strings are put back in place in the few objects it has.
  const location = (encoded: Encoded): void => {
    const target = encoded as unknown as SnapshotLocation;
    target.file = text(encoded.file, 'file');
    if (encoded.text !== undefined) target.text = text(encoded.text, 'text');
    if (encoded.function !== undefined) target.function = text(encoded.function, 'function');
  };
  const siteList = (table: RawSiteTable, key: string): SnapshotSite[] => {
    if (!isObject(table) || !Array.isArray(table.line))
      throw new InvalidDataError(`${what}: ${key} is not a table of site columns`);
    const { file, line, text: texts, function: functions, size, count } = table;
    const rows = line.length;
    const columns = { file, text: texts, function: functions, size, count };
    for (const [name, column] of Object.entries(columns)) {
      if (!Array.isArray(column) || column.length !== rows)
        throw new InvalidDataError(
          `${what}: ${key}.${name} does not have one entry per site (${rows})`,
        );
    }
    const sites = new Array<SnapshotSite>(rows);
    for (let row = 0; row < rows; row += 1) {
      const textIndex = texts[row]!;
      const functionIndex = functions[row]!;
      // Every site gets the same six keys, in one literal: one object shape, built in one go
      // (a missing text or function is an undefined value, which JSON leaves out).
      sites[row] = {
        file: text(file[row]!, 'file'),
        line: line[row]!,
        text: textIndex === NO_STRING ? undefined : text(textIndex, 'text'),
        function: functionIndex === NO_STRING ? undefined : text(functionIndex, 'function'),
        size: size[row]!,
        count: count[row]!,
      } as SnapshotSite;
    }
    const at = (row: number, field: string): SnapshotSite => {
      const site = sites[row];
      if (site === undefined)
        throw new InvalidDataError(`${what}: ${key}.${field} names site ${row} of ${rows}`);
      return site;
    };
    for (const field of ['repeats', 'tracebacks'] as const) {
      if (table[field] !== undefined && !Array.isArray(table[field]))
        throw new InvalidDataError(`${what}: ${key}.${field} is not a list of [row, …] entries`);
    }
    for (const [row, sizes, counts] of table.repeats ?? []) {
      const site = at(row, 'repeats');
      site.sizes = sizes;
      site.counts = counts;
    }
    for (const [row, tracebacks] of table.tracebacks ?? []) {
      for (const traceback of tracebacks) for (const frame of traceback.frames) location(frame);
      at(row, 'tracebacks').tracebacks = tracebacks as unknown as SnapshotSite['tracebacks'];
    }
    return sites;
  };
  const scenario = (rawScenario: RawScenario): SnapshotScenario => {
    const decoded = rawScenario as unknown as SnapshotScenario;
    decoded.repeats ??= [];
    decoded.sites = siteList(rawScenario.sites, `scenario ${rawScenario.name} sites`);
    if (rawScenario.peak)
      decoded.peak!.sites = siteList(
        rawScenario.peak.sites,
        `scenario ${rawScenario.name} peak sites`,
      );
    for (const site of rawScenario.leak?.sites ?? []) location(site);
    for (const site of rawScenario.retention?.sites ?? []) {
      location(site);
      for (const path of site.paths) for (const step of path.via) location(step);
    }
    return decoded;
  };

  const { scenarios, ...envelope } = raw;
  return {
    schema: envelope.schema,
    harness: envelope.harness,
    python: envelope.python,
    platform: envelope.platform,
    frames: envelope.frames,
    repeats: envelope.repeats ?? 1,
    iterations: envelope.iterations ?? 0,
    timings: envelope.timings ?? { setupSeconds: 0, totalSeconds: 0 },
    unmeasured: envelope.unmeasured ?? [],
    scenarios: scenarios.map(scenario),
    ...(envelope.foreignModules ? { foreignModules: envelope.foreignModules } : {}),
    ...(envelope.reads ? { reads: envelope.reads } : {}),
  };
}
