/**
 * Turns a snapshot file as the harness writes it (schema 2: strings stored once in `strings`,
 * referenced by index) into the in-memory `Snapshot`, where every location carries its strings.
 * One pass, no copies of the big arrays beyond the decoded sites themselves.
 */
import {
  SNAPSHOT_SCHEMA,
  type RawScenario,
  type RawSiteTraceback,
  type RawSnapshot,
  type SiteTraceback,
  type Snapshot,
  type SnapshotLocation,
  type SnapshotScenario,
  type StringIndex,
} from './snapshot.js';

type Encoded = { file: StringIndex; line: number; text?: StringIndex; function?: StringIndex };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the envelope (schema, scenarios, strings) and resolves every string index. Throws an
 * Error naming `what` (e.g. `snapshot /tmp/x.json`) and the offending index when the document
 * does not hold together; anything else is trusted to the harness's own tests.
 */
export function decodeSnapshot(document: unknown, what: string): Snapshot {
  if (!isObject(document)) throw new Error(`${what} is not a JSON object`);
  if (document.schema !== SNAPSHOT_SCHEMA) {
    throw new Error(
      `${what} has schema ${JSON.stringify(document.schema)}, expected ${SNAPSHOT_SCHEMA} ` +
        '(the harness and the action come from different allocdiff versions)',
    );
  }
  if (!Array.isArray(document.scenarios)) throw new Error(`${what} has no scenarios`);
  const raw = document as unknown as RawSnapshot;
  const strings = Array.isArray(raw.strings) ? raw.strings : [];

  const text = (index: StringIndex, key: string): string => {
    const value = strings[index];
    if (typeof value !== 'string')
      throw new Error(`${what}: ${key} refers to string ${index}, not in its string table`);
    return value;
  };
  const location = <T extends Encoded>(
    encoded: T,
  ): Omit<T, 'file' | 'text' | 'function'> & SnapshotLocation => {
    const { file, text: textIndex, function: functionIndex, ...rest } = encoded;
    const decoded: Omit<T, 'file' | 'text' | 'function'> & SnapshotLocation = {
      ...rest,
      file: text(file, 'file'),
    };
    if (textIndex !== undefined) decoded.text = text(textIndex, 'text');
    if (functionIndex !== undefined) decoded.function = text(functionIndex, 'function');
    return decoded;
  };
  const tracebacks = (list: RawSiteTraceback[] | undefined): SiteTraceback[] | undefined =>
    list?.map((traceback) => ({ ...traceback, frames: traceback.frames.map(location) }));

  const scenario = (rawScenario: RawScenario): SnapshotScenario => {
    const { sites, peak, leak, ...rest } = rawScenario;
    const decoded: SnapshotScenario = {
      ...rest,
      repeats: rest.repeats ?? [],
      sites: sites.map(({ tracebacks: paths, ...site }) => {
        const out = location(site);
        const resolved = tracebacks(paths);
        return resolved ? { ...out, tracebacks: resolved } : out;
      }),
    };
    if (peak) {
      decoded.peak = {
        ...peak,
        sites: peak.sites.map(({ tracebacks: paths, ...site }) => {
          const out = location(site);
          const resolved = tracebacks(paths);
          return resolved ? { ...out, tracebacks: resolved } : out;
        }),
      };
    }
    if (leak) decoded.leak = { ...leak, sites: leak.sites.map(location) };
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
  };
}
