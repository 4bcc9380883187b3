/**
 * Turns a snapshot as the harness writes it into the in-memory `Snapshot`: the file
 * (`decodeSnapshotFile`: a JSON header line, then the site columns and the string table as
 * binary, read in place) or the same document as JSON (`decodeSnapshot`: site columns as lists,
 * `strings` a list). Either way each site list becomes a `SiteTable`, whose sites are made as
 * objects only when read (site-table.ts), and strings are looked up by index.
 */
import { endianness } from 'node:os';
import type * as z from 'zod';
import { InvalidDataError } from '../errors.js';
import {
  setSiteTable,
  SiteTable,
  SnapshotStrings,
  type SiteColumns,
  type SiteRepeats,
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
  type SiteTraceback,
  type SnapshotScenario,
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
  checkVersion(document, what);
  if (!Array.isArray(document.scenarios)) throw new InvalidDataError(`${what} has no scenarios`);
  const fromLists = (raw: RawSnapshot): Snapshot => {
    const strings = SnapshotStrings.fromList(Array.isArray(raw.strings) ? raw.strings : []);
    return resolve(raw, what, strings, (table, key) => listColumns(table, key, strings, what));
  };
  const aside = setColumnsAside(document);
  const checked = snapshotDocument.safeParse(aside.document);
  if (!checked.success) {
    // The decoder's own checks name a malformed site table in its words, when they catch it.
    try {
      fromLists(document as unknown as RawSnapshot);
    } catch (error) {
      if (error instanceof InvalidDataError) throw error;
    }
    throw schemaProblems(checked.error, what);
  }
  aside.restore(checked.data);
  return fromLists(checked.data);
}

/** Throws unless `document` is an object of this version of the contract. */
function checkVersion(
  document: unknown,
  what: string,
): asserts document is Record<string, unknown> {
  if (!isObject(document)) throw new InvalidDataError(`${what} is not a JSON object`);
  if (document.schema !== SNAPSHOT_SCHEMA) {
    throw new InvalidDataError(
      `${what} has schema ${JSON.stringify(document.schema)}, expected ${SNAPSHOT_SCHEMA} ` +
        '(the harness and the action come from different allocdiff versions)',
    );
  }
}

/** The error naming each place where a document does not match the schema. */
function schemaProblems(error: z.ZodError, what: string): InvalidDataError {
  const { issues } = error;
  const problems = issues
    .slice(0, PROBLEMS_SHOWN)
    .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  if (issues.length > PROBLEMS_SHOWN) problems.push(`… and ${issues.length - PROBLEMS_SHOWN} more`);
  return new InvalidDataError(
    `${what} does not match the snapshot schema ${SNAPSHOT_SCHEMA}:\n  ${problems.join('\n  ')}`,
  );
}

/** Bytes per row of a site table in the file: size and count (8 each), then four 4-byte columns. */
const ROW_BYTES = 32;

/** Where a site table's rows are in the file, as its header gives it. */
interface TableRef {
  rows: number;
  at: number;
}

const LITTLE_ENDIAN = endianness() === 'LE';

type Column = Float64Array | Uint32Array | Int32Array;
interface ColumnType<T extends Column> {
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * `length` little-endian numbers at `offset` of `body`: a view over its bytes, or a copy where
 * they are not aligned for one (or this machine is big-endian).
 */
function column<T extends Column>(
  Type: ColumnType<T>,
  body: Buffer,
  offset: number,
  length: number,
): T {
  const width = Type.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN && (body.byteOffset + offset) % width === 0)
    return new Type(body.buffer, body.byteOffset + offset, length);
  const copy = new Type(length);
  const bytes = Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
  body.copy(bytes, 0, offset, offset + length * width);
  if (!LITTLE_ENDIAN) {
    if (width === 8) bytes.swap64();
    else bytes.swap32();
  }
  return copy;
}

function isWhole(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/**
 * Reads a snapshot file (snapshot.ts, `SNAPSHOT_SCHEMA`): a line of JSON, the header, then the
 * site columns and the string table as little-endian binary, used in place. Checks the header
 * against the contract, that the file is as long as the header says and every table within it,
 * and every value of the columns (whole numbers, string indexes in the table). Throws an
 * InvalidDataError naming `what` and what was wrong.
 */
export function decodeSnapshotFile(bytes: Buffer, what: string): Snapshot {
  const newline = bytes.indexOf(0x0a);
  const headerEnd = newline < 0 ? bytes.length : newline;
  // A snapshot of an earlier version is one JSON document, which says its version first.
  const start = /^\{"schema":("[^"\\]*")/.exec(
    bytes.toString('latin1', 0, Math.min(headerEnd, 200)),
  );
  if (start) checkVersion({ schema: JSON.parse(start[1]!) as unknown }, what);
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, headerEnd));
  } catch (error) {
    throw new InvalidDataError(
      `${what} is not valid JSON on its first line, the snapshot's header: ${(error as Error).message}`,
    );
  }
  checkVersion(header, what);
  const body = bytes.subarray(newline < 0 ? bytes.length : newline + 1);
  if (newline < 0 || header.binaryBytes !== body.length)
    throw new InvalidDataError(
      `${what} has ${body.length} bytes after its header, which announces ` +
        `${JSON.stringify(header.binaryBytes)}: the file was cut short or altered`,
    );
  if (!Array.isArray(header.scenarios)) throw new InvalidDataError(`${what} has no scenarios`);
  const strings = fileStrings(header.strings, body, what);

  const tableRef = (table: unknown, key: string): TableRef => {
    const fits =
      isObject(table) &&
      Object.keys(table).every((name) => ['rows', 'at', 'repeats', 'tracebacks'].includes(name)) &&
      isWhole(table.rows) &&
      isWhole(table.at) &&
      table.at % 8 === 0 &&
      table.at + table.rows * ROW_BYTES <= body.length;
    if (!fits)
      throw new InvalidDataError(
        `${what}: ${key} is not {rows, at} of site columns within the ${body.length} bytes ` +
          `after the header: ${JSON.stringify(table)?.slice(0, 200)}`,
      );
    return { rows: table.rows as number, at: table.at as number };
  };
  /** The table as the schema checks it: its columns empty (checked on their own). */
  const light = (table: unknown): unknown => {
    const rare = Object.entries(table as Record<string, unknown>).filter(
      ([name]) => name === 'repeats' || name === 'tracebacks',
    );
    return Object.fromEntries([...SITE_COLUMNS.map((name) => [name, []]), ...rare]);
  };
  const refs: { sites: TableRef; peak?: TableRef }[] = [];
  const scenarios = (header.scenarios as unknown[]).map((scenario, index) => {
    if (!isObject(scenario)) return scenario;
    const key = `scenario ${String(scenario.name)}`;
    const ref: (typeof refs)[number] = { sites: tableRef(scenario.sites, `${key} sites`) };
    const checked: Record<string, unknown> = { ...scenario, sites: light(scenario.sites) };
    if (isObject(scenario.peak)) {
      ref.peak = tableRef(scenario.peak.sites, `${key} peak sites`);
      checked.peak = { ...scenario.peak, sites: light(scenario.peak.sites) };
    }
    refs[index] = ref;
    return checked;
  });
  const document: Record<string, unknown> = { ...header, scenarios, strings: [] };
  delete document.binaryBytes;
  const checked = snapshotDocument.safeParse(document);
  if (!checked.success) throw schemaProblems(checked.error, what);

  const tables = new Map<RawSiteTable, TableRef>();
  checked.data.scenarios.forEach((scenario, index) => {
    tables.set(scenario.sites, refs[index]!.sites);
    if (scenario.peak) tables.set(scenario.peak.sites, refs[index]!.peak!);
  });
  return resolve(checked.data, what, strings, (table, key) =>
    fileColumns(tables.get(table)!, body, strings, key, what),
  );
}

/** The string table of a file: `count` ends, then the strings' UTF-8 bytes. */
function fileStrings(table: unknown, body: Buffer, what: string): SnapshotStrings {
  const refused = () =>
    new InvalidDataError(
      `${what}: its strings are not {count, at} of a string table within the ${body.length} ` +
        `bytes after the header: ${JSON.stringify(table)?.slice(0, 200)}`,
    );
  if (!isObject(table) || !isWhole(table.count) || !isWhole(table.at) || table.at % 4 !== 0)
    throw refused();
  const { count, at } = table;
  const start = at + count * 4;
  if (start > body.length) throw refused();
  const ends = column(Uint32Array, body, at, count);
  let last = 0;
  for (let index = 0; index < count; index += 1) {
    const end = ends[index]!;
    if (end < last) throw refused();
    last = end;
  }
  if (start + last > body.length) throw refused();
  return SnapshotStrings.fromBytes(ends, body.subarray(start, start + last));
}

/** The columns of the table at `ref`, every value checked. */
function fileColumns(
  ref: TableRef,
  body: Buffer,
  strings: SnapshotStrings,
  key: string,
  what: string,
): SiteColumns {
  const { rows, at } = ref;
  const columns: SiteColumns = {
    size: column(Float64Array, body, at, rows),
    count: column(Float64Array, body, at + 8 * rows, rows),
    file: column(Uint32Array, body, at + 16 * rows, rows),
    line: column(Uint32Array, body, at + 20 * rows, rows),
    text: column(Int32Array, body, at + 24 * rows, rows),
    function: column(Int32Array, body, at + 28 * rows, rows),
  };
  // One pass over every row checks it all (most tables are valid); a table that is not is
  // gone over again, to name the first value that is wrong.
  const { size, count, file, text, function: functions } = columns;
  const limit = strings.count;
  let valid = true;
  for (let row = 0; valid && row < rows; row += 1) {
    const textIndex = text[row]!;
    const functionIndex = functions[row]!;
    valid =
      Number.isSafeInteger(size[row]) &&
      Number.isSafeInteger(count[row]) &&
      file[row]! < limit &&
      textIndex < limit &&
      textIndex >= NO_STRING &&
      functionIndex < limit &&
      functionIndex >= NO_STRING;
  }
  if (valid) return columns;
  for (const name of ['size', 'count'] as const) {
    const values = columns[name];
    for (let row = 0; row < rows; row += 1) {
      if (!Number.isSafeInteger(values[row]))
        throw new InvalidDataError(
          `${what}: ${key}.${name} of site ${row} is ${values[row]}, not a whole number`,
        );
    }
  }
  checkStringIndexes(file, text, functions, strings, what);
  return columns;
}

/**
 * Throws, naming the first, for a string index of a site table that `strings` does not have
 * (`NO_STRING` is allowed in `text` and `function`).
 */
function checkStringIndexes(
  file: ArrayLike<number>,
  text: ArrayLike<number>,
  functions: ArrayLike<number>,
  strings: SnapshotStrings,
  what: string,
): void {
  const limit = strings.count;
  // One tight loop per column; only when one finds a bad index, the first is looked for.
  let valid = true;
  for (let row = 0; valid && row < file.length; row += 1) {
    const index = file[row]!;
    valid = index >= 0 && index < limit && Number.isInteger(index);
  }
  for (const column of [text, functions]) {
    for (let row = 0; valid && row < column.length; row += 1) {
      const index = column[row]!;
      valid = (index >= 0 && index < limit && Number.isInteger(index)) || index === NO_STRING;
    }
  }
  if (valid) return;
  for (let row = 0; row < file.length; row += 1) {
    for (const [key, column, optional] of [
      ['file', file, false],
      ['text', text, true],
      ['function', functions, true],
    ] as const) {
      const index = column[row]!;
      const fine =
        (index >= 0 && index < limit && Number.isInteger(index)) ||
        (optional && index === NO_STRING);
      // Anything but a number is named by the schema.
      if (typeof index === 'number' && !fine)
        throw new InvalidDataError(
          `${what}: ${key} refers to string ${index}, not in its string table`,
        );
    }
  }
}

/** The columns of a table given as lists, as typed arrays; throws when they do not line up. */
function listColumns(
  table: RawSiteTable,
  key: string,
  strings: SnapshotStrings,
  what: string,
): SiteColumns {
  if (!isObject(table) || !Array.isArray(table.line))
    throw new InvalidDataError(`${what}: ${key} is not a table of site columns`);
  const { file, line, text, function: functions, size, count } = table;
  const rows = line.length;
  for (const [name, column] of Object.entries({ file, text, function: functions, size, count })) {
    if (!Array.isArray(column) || column.length !== rows)
      throw new InvalidDataError(
        `${what}: ${key}.${name} does not have one entry per site (${rows})`,
      );
  }
  checkStringIndexes(file, text, functions, strings, what);
  return {
    size: Float64Array.from(size),
    count: Float64Array.from(count),
    file: Uint32Array.from(file),
    line: line.every((value) => value <= 0xffffffff)
      ? Uint32Array.from(line)
      : Float64Array.from(line),
    text: Int32Array.from(text),
    function: Int32Array.from(functions),
  };
}

/**
 * The document with its string indexes resolved and its site lists made tables (their columns
 * from `columnsOf`); throws for what the schema cannot check.
 */
function resolve(
  raw: RawSnapshot,
  what: string,
  strings: SnapshotStrings,
  columnsOf: (table: RawSiteTable, key: string) => SiteColumns,
): Snapshot {
  const text = (index: StringIndex, key: string): string => {
    const value = strings.get(index);
    if (value === undefined)
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
  const tableOf = (table: RawSiteTable, key: string): SiteTable => {
    const columns = columnsOf(table, key);
    const rows = columns.line.length;
    for (const field of ['repeats', 'tracebacks'] as const) {
      if (table[field] !== undefined && !Array.isArray(table[field]))
        throw new InvalidDataError(`${what}: ${key}.${field} is not a list of [row, …] entries`);
    }
    const row = (entry: number, field: string): number => {
      if (!(entry >= 0 && entry < rows))
        throw new InvalidDataError(`${what}: ${key}.${field} names site ${entry} of ${rows}`);
      return entry;
    };
    const repeats = new Map<number, SiteRepeats>();
    for (const [at, sizes, counts] of table.repeats ?? [])
      repeats.set(row(at, 'repeats'), [sizes, counts]);
    const tracebacks = new Map<number, SiteTraceback[]>();
    for (const [at, list] of table.tracebacks ?? []) {
      for (const traceback of list) for (const frame of traceback.frames) location(frame);
      tracebacks.set(row(at, 'tracebacks'), list as unknown as SiteTraceback[]);
    }
    return new SiteTable(columns, strings, repeats, tracebacks);
  };
  const scenario = (rawScenario: RawScenario): SnapshotScenario => {
    const decoded = rawScenario as unknown as SnapshotScenario;
    decoded.repeats ??= [];
    setSiteTable(decoded, tableOf(rawScenario.sites, `scenario ${rawScenario.name} sites`));
    if (rawScenario.peak)
      setSiteTable(
        decoded.peak!,
        tableOf(rawScenario.peak.sites, `scenario ${rawScenario.name} peak sites`),
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
