import { describe, expect, it } from 'vitest';
import { decodeSnapshot, isStringList, isWholeColumn } from '../../src/capture/decode.js';
import {
  NO_STRING,
  SITE_COLUMNS,
  SNAPSHOT_SCHEMA,
  siteTable,
  snapshotDocument,
  type RawSnapshot,
} from '../../src/capture/snapshot.js';

function raw(extra: Partial<RawSnapshot> = {}): RawSnapshot {
  return {
    schema: SNAPSHOT_SCHEMA,
    harness: { version: '0.2.0' },
    python: { version: '3.11.7', implementation: 'CPython' },
    platform: 'linux',
    frames: 1,
    repeats: 2,
    iterations: 0,
    timings: { setupSeconds: 0.01, totalSeconds: 0.2 },
    strings: ['app/cache.py', 'buf = bytearray(n)', 'LRU.put', '<stdlib>/json/decoder.py'],
    scenarios: [
      {
        name: 'bench_put',
        kind: 'function',
        status: 'ok',
        peakBytes: 2048,
        retainedBytes: 1024,
        retainedCount: 1,
        durationSeconds: 0.01,
        repeats: [
          { peakBytes: 2048, retainedBytes: 1024, retainedCount: 1, durationSeconds: 0.01 },
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
          tracebacks: [
            [
              0,
              [
                {
                  size: 1024,
                  count: 1,
                  frames: [
                    { file: 3, line: 5 },
                    { file: 0, line: 12, text: 1, function: 2 },
                  ],
                },
              ],
            ],
          ],
        },
        peak: {
          bytes: 2000,
          peakBytes: 2048,
          sites: {
            file: [0],
            line: [12],
            text: [NO_STRING],
            function: [NO_STRING],
            size: [2000],
            count: [2],
          },
        },
        leak: {
          iterations: 5,
          retainedBytes: [0, 10, 20, 30, 40],
          bytesPerCall: 10,
          sites: [
            {
              file: 0,
              line: 12,
              function: 2,
              bytesPerCall: 10,
              countPerCall: 0,
              retainedBytes: [0, 10, 20, 30, 40],
            },
          ],
        },
      },
    ],
    unmeasured: [],
    ...extra,
  };
}

describe('decodeSnapshot', () => {
  it('puts the strings of the table back in every site, peak site, leak site and frame', () => {
    const snapshot = decodeSnapshot(raw(), 'snapshot x.json');
    const [scenario] = snapshot.scenarios;
    expect(scenario?.sites[0]).toMatchObject({
      file: 'app/cache.py',
      line: 12,
      text: 'buf = bytearray(n)',
      function: 'LRU.put',
    });
    expect(scenario?.sites[0]?.tracebacks?.[0]?.frames).toEqual([
      { file: '<stdlib>/json/decoder.py', line: 5 },
      { file: 'app/cache.py', line: 12, text: 'buf = bytearray(n)', function: 'LRU.put' },
    ]);
    expect(scenario?.sites[1]).toEqual({
      file: '<stdlib>/json/decoder.py',
      line: 40,
      size: -64,
      count: -1,
      sizes: [-64, 0],
      counts: [-1, 0],
    });
    expect(scenario?.sites[0]).not.toHaveProperty('sizes');
    expect(scenario?.sites[1]).not.toHaveProperty('tracebacks');
    expect(scenario?.peak?.sites).toEqual([
      { file: 'app/cache.py', line: 12, size: 2000, count: 2 },
    ]);
    expect(scenario?.leak?.sites[0]).toMatchObject({ file: 'app/cache.py', function: 'LRU.put' });
    expect(snapshot).not.toHaveProperty('strings');
    expect(snapshot.repeats).toBe(2);
  });

  it('leaves optional strings undefined rather than inventing them', () => {
    const snapshot = decodeSnapshot(raw(), 'snapshot x.json');
    expect(snapshot.scenarios[0]?.peak?.sites[0]?.text).toBeUndefined();
    expect(snapshot.scenarios[0]?.peak?.sites[0]?.function).toBeUndefined();
    expect(JSON.stringify(snapshot.scenarios[0]?.peak?.sites[0])).toBe(
      '{"file":"app/cache.py","line":12,"size":2000,"count":2}',
    );
  });

  it('names an index that is not in the string table', () => {
    const document = raw({ strings: ['only one'] });
    expect(() => decodeSnapshot(document, 'snapshot x.json')).toThrow(
      'snapshot x.json: text refers to string 1, not in its string table',
    );
  });

  it('names a site table whose columns do not line up, and a row that is not there', () => {
    const short = raw();
    short.scenarios[0]!.sites.size.pop();
    expect(() => decodeSnapshot(short, 'snapshot x.json')).toThrow(
      'snapshot x.json: scenario bench_put sites.size does not have one entry per site (2)',
    );
    const beyond = raw();
    beyond.scenarios[0]!.sites.repeats = [[2, [1], [1]]];
    expect(() => decodeSnapshot(beyond, 'snapshot x.json')).toThrow(
      'snapshot x.json: scenario bench_put sites.repeats names site 2 of 2',
    );
    const notAList = raw();
    (notAList.scenarios[0]!.sites as { repeats: unknown }).repeats = {
      1: [
        [-64, 0],
        [-1, 0],
      ],
    };
    expect(() => decodeSnapshot(notAList, 'snapshot x.json')).toThrow(
      'snapshot x.json: scenario bench_put sites.repeats is not a list of [row, …] entries',
    );
    const objects = raw();
    (objects.scenarios[0]!.peak as { sites: unknown }).sites = [{ file: 0, line: 1 }];
    expect(() => decodeSnapshot(objects, 'snapshot x.json')).toThrow(
      'snapshot x.json: scenario bench_put peak sites is not a table of site columns',
    );
  });

  it('keeps the modules a side imported from outside its checkout, only when there are any', () => {
    const foreign = [{ module: 'mypkg.catalog', file: '/ws/mypkg/catalog.py' }];
    expect(decodeSnapshot(raw({ foreignModules: foreign }), 'x').foreignModules).toEqual(foreign);
    expect(decodeSnapshot(raw(), 'x')).not.toHaveProperty('foreignModules');
  });

  it('refuses figures that are not finite whole numbers, naming each place', () => {
    const forged = raw();
    const scenario = forged.scenarios[0]! as unknown as Record<string, unknown>;
    scenario.peakBytes = 'a lot';
    scenario.retainedBytes = Infinity;
    (scenario.repeats as Record<string, unknown>[])[1]!.peakBytes = 1.5;
    forged.scenarios[0]!.sites.size[0] = Number.NaN;
    expect(() => decodeSnapshot(forged, 'snapshot x.json')).toThrow(
      /^snapshot x\.json does not match the snapshot schema allocdiff\.snapshot\/4:\n {2}scenarios\.0\.peakBytes: .*\n {2}scenarios\.0\.retainedBytes: .*\n {2}scenarios\.0\.repeats\.1\.peakBytes: .*\n {2}scenarios\.0\.sites\.size\.0: /,
    );
    const negative = raw();
    negative.scenarios[0]!.peakBytes = -1;
    expect(() => decodeSnapshot(negative, 'snapshot x.json')).toThrow(
      'scenarios.0.peakBytes: Too small',
    );
  });

  it('checks site columns in one loop exactly as the schema checks each value', () => {
    const values: unknown[] = [
      0,
      1,
      -1,
      -2,
      -0,
      1.5,
      -1.5,
      NaN,
      Infinity,
      -Infinity,
      2 ** 53,
      2 ** 53 - 1,
      -(2 ** 53),
      -(2 ** 53 - 1),
      1e300,
      '1',
      null,
      true,
      undefined,
      [],
      {},
    ];
    for (const name of SITE_COLUMNS) {
      const element = siteTable.shape[name].element;
      for (const value of values) {
        const { min, max } = { min: element.minValue!, max: element.maxValue! };
        expect(isWholeColumn([3, value, 4], min, max), `${name}: ${String(value)}`).toBe(
          element.safeParse(value).success,
        );
      }
    }
    expect(isWholeColumn({ 0: 1 }, 0, 1)).toBe(false);
    for (const value of values) {
      expect(isStringList(['a', value]), String(value)).toBe(
        snapshotDocument.shape.strings.element.safeParse(value).success,
      );
    }
  });

  it('names every value out of contract in any site column, the rest of the table valid', () => {
    const forged = raw();
    const sites = forged.scenarios[0]!.sites as unknown as Record<string, unknown[]>;
    sites.line![1] = 1.5;
    sites.file![1] = '0';
    (forged.scenarios[0]!.peak!.sites as unknown as Record<string, unknown[]>).count![0] = null;
    expect(() => decodeSnapshot(forged, 'snapshot x.json')).toThrow(
      /scenarios\.0\.sites\.file\.1: .*\n {2}scenarios\.0\.sites\.line\.1: .*\n {2}scenarios\.0\.peak\.sites\.count\.0: /,
    );
    const below = raw();
    below.scenarios[0]!.sites.function[1] = -2;
    expect(() => decodeSnapshot(below, 'snapshot x.json')).toThrow(
      'function refers to string -2, not in its string table',
    );
    const notAColumn = raw();
    (notAColumn.scenarios[0]!.sites as unknown as Record<string, unknown>).size = { 0: 1 };
    expect(() => decodeSnapshot(notAColumn, 'snapshot x.json')).toThrow(
      'snapshot x.json: scenario bench_put sites.size does not have one entry per site (2)',
    );
  });

  it('names a string table entry that is not a string', () => {
    const forged = raw();
    (forged.strings as unknown[]).push(7);
    expect(() => decodeSnapshot(forged, 'snapshot x.json')).toThrow(
      /does not match the snapshot schema .*:\n {2}strings\.4: /,
    );
  });

  it('hands back the columns it checked, every site read from them', () => {
    const document = raw();
    const size = document.scenarios[0]!.sites.size;
    const snapshot = decodeSnapshot(document, 'snapshot x.json');
    expect(snapshot.scenarios[0]!.sites.map((site) => site.size)).toEqual(size);
    expect(snapshot.scenarios[0]!.peak!.sites.map((site) => site.count)).toEqual([2]);
  });

  it('refuses fields the contract does not have', () => {
    const forged = raw();
    (forged.scenarios[0] as unknown as Record<string, unknown>).verdict = 'pass';
    expect(() => decodeSnapshot(forged, 'snapshot x.json')).toThrow(/scenarios\.0: .*verdict/);
  });

  it('refuses another schema, saying which one it expected', () => {
    expect(() =>
      decodeSnapshot({ schema: 'allocdiff.snapshot/2', scenarios: [] }, 'snapshot y'),
    ).toThrow(`snapshot y has schema "allocdiff.snapshot/2", expected ${SNAPSHOT_SCHEMA}`);
    expect(() => decodeSnapshot([], 'snapshot z')).toThrow('snapshot z is not a JSON object');
  });
});
