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
  // The parsed document is ours: strings are put back in place, so a million sites cost no
  // second million objects.
  const location = (encoded: Encoded): void => {
    const target = encoded as unknown as SnapshotLocation;
    target.file = text(encoded.file, 'file');
    if (encoded.text !== undefined) target.text = text(encoded.text, 'text');
    if (encoded.function !== undefined) target.function = text(encoded.function, 'function');
  };
  const withTracebacks = (site: Encoded & { tracebacks?: RawSiteTraceback[] }): void => {
    location(site);
    for (const traceback of site.tracebacks ?? [])
      for (const frame of traceback.frames) location(frame);
  };
  const scenario = (rawScenario: RawScenario): SnapshotScenario => {
    rawScenario.repeats ??= [];
    for (const site of rawScenario.sites) withTracebacks(site);
    for (const site of rawScenario.peak?.sites ?? []) withTracebacks(site);
    for (const site of rawScenario.leak?.sites ?? []) location(site);
    return rawScenario as unknown as SnapshotScenario;
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
