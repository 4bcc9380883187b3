import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../src/capture/decode.js';
import {
  cachedText,
  directoryStore,
  encodeSnapshot,
  SideCache,
} from '../../src/capture/side-cache.js';
import {
  NO_STRING,
  PEAK_SITES_MISSED,
  SNAPSHOT_SCHEMA,
  type RawSnapshot,
} from '../../src/capture/snapshot.js';
import type { Logger } from '../../src/log.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const location = { file: 0, line: 12, text: 1, function: 2 };
const RAW: RawSnapshot = {
  schema: SNAPSHOT_SCHEMA,
  harness: { version: '0.3.0' },
  python: { version: '3.11.7', implementation: 'CPython' },
  platform: 'Linux-x86_64',
  frames: 5,
  repeats: 2,
  iterations: 5,
  timings: { setupSeconds: 0.01, totalSeconds: 0.2 },
  strings: ['app/cache.py', 'buf = bytearray(n)', 'LRU.put', '<stdlib>/json/decoder.py'],
  scenarios: [
    {
      name: 'bench_put',
      kind: 'function',
      status: 'ok',
      peakBytes: 2048,
      retainedBytes: 960,
      retainedCount: 0,
      durationSeconds: 0.01,
      repeats: [
        { peakBytes: 2048, retainedBytes: 960, retainedCount: 0, durationSeconds: 0.01 },
        { peakBytes: 2048, retainedBytes: 1024, retainedCount: 1, durationSeconds: 0.01 },
      ],
      sites: {
        file: [0, 3],
        line: [12, 40],
        text: [1, NO_STRING],
        function: [2, NO_STRING],
        size: [1024, -64],
        count: [1, -1],
        repeats: [[1, [-64, 0], [-1, 0]]],
        tracebacks: [[0, [{ size: 1024, count: 1, frames: [{ file: 3, line: 5 }, location] }]]],
      },
      peak: {
        bytes: 2000,
        peakBytes: 2048,
        sites: {
          file: [0],
          line: [12],
          text: [1],
          function: [NO_STRING],
          size: [2000],
          count: [2],
        },
      },
      objectTypes: [{ type: 'bytearray', before: 1, after: 2 }],
      leak: {
        iterations: 5,
        retainedBytes: [0, 10, 20, 30, 40],
        bytesPerCall: 10,
        sites: [
          { ...location, bytesPerCall: 10, countPerCall: 0, retainedBytes: [0, 10, 20, 30, 40] },
        ],
      },
      identicalRuns: 2,
    },
  ],
  unmeasured: [{ what: 'rss', why: 'no /proc' }],
  reads: { files: ['bench.py'], folders: ['.'], importFolders: ['.'] },
};

describe('the measurement cache', () => {
  it('stores a snapshot in the harness format, which decodes to the same snapshot', () => {
    const snapshot = decodeSnapshot(structuredClone(RAW), 'raw');
    const encoded = encodeSnapshot(snapshot);
    const again = decodeSnapshot(JSON.parse(JSON.stringify(encoded)), 'encoded');
    expect(again).toEqual(snapshot);
    // Each string once in the table.
    expect(new Set(encoded.strings).size).toBe(encoded.strings.length);
  });

  it('says a hit with the short commit and the minute it was measured, in UTC', () => {
    expect(cachedText('base', '1a2b3c4d5e6f', '2026-12-07T10:12:59.123Z')).toBe(
      'base: cached measurement of 1a2b3c4 from 2026-12-07 10:12 UTC',
    );
  });

  it('a folder store returns what it kept, and nothing for a key it never kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocdiff-store-'));
    dirs.push(dir);
    const store = directoryStore(join(dir, 'nested'));
    expect(await store.read('k1')).toBeUndefined();
    await store.write('k1', '{"a":1}');
    expect(await store.read('k1')).toBe('{"a":1}');
  });

  it('keeps no hooked run that found no sites as one that looked for them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocdiff-store-'));
    dirs.push(dir);
    const log: Logger = {
      group: async (_title, body) => body(),
      info: () => undefined,
      warning: () => undefined,
      output: () => undefined,
    };
    const cache = SideCache.open({
      store: directoryStore(dir),
      save: () => true,
      facts: {
        harness: { version: RAW.harness.version, digest: 'd' },
        python: {
          executable: 'python3',
          version: RAW.python.version,
          implementation: 'CPython',
          platform: RAW.platform,
        },
        benchmark: 'bench.py',
        setup: null,
        environment: 'e',
      },
      log,
    })!;
    const measured = (commit: string, missed: boolean) => {
      const snapshot = decodeSnapshot(structuredClone(RAW), 'raw');
      if (missed) {
        delete snapshot.scenarios[0]!.peak;
        snapshot.unmeasured.push({
          scenario: 'bench_put',
          what: PEAK_SITES_MISSED,
          why: 'the hooked run went far past its target',
        });
      }
      const fields = cache.fieldsOf(commit, [], { frames: 5, repeats: 2, iterations: 5 });
      return { fields, outcome: { kind: 'measured' as const, snapshot } };
    };
    const found = measured('a'.repeat(40), false);
    await cache.save('base', found.fields, ['bench_put'], found.outcome, log);
    expect((await cache.load('base', found.fields, ['bench_put'], log))?.snapshot).toBeDefined();
    const missed = measured('b'.repeat(40), true);
    await cache.save('base', missed.fields, ['bench_put'], missed.outcome, log);
    // A run that wants those sites measures the side again; one that does not is served.
    expect(await cache.load('base', missed.fields, ['bench_put'], log)).toBeUndefined();
    expect(await cache.load('base', missed.fields, true, log)).toBeUndefined();
    expect((await cache.load('base', missed.fields, [], log))?.snapshot).toBeDefined();
  });
});
