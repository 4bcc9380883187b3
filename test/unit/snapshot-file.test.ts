/**
 * The snapshot file as the harness writes it (a JSON header line, then site columns and strings
 * as little-endian binary), read by the TypeScript side: files written by the real harness and
 * its real writer, and files cut short or altered.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSnapshotFile } from '../../src/capture/decode.js';
import { readSnapshot } from '../../src/capture/side-runner.js';
import { NO_STRING, SNAPSHOT_SCHEMA, siteListOf } from '../../src/capture/snapshot.js';
import { InvalidDataError } from '../../src/errors.js';

const PYTHON_PATH = join(import.meta.dirname, '..', '..', 'python');
const env = { ...process.env, PYTHONPATH: PYTHON_PATH, PYTHONDONTWRITEBYTECODE: '1' };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allocdiff-snapshot-file-'));
  dirs.push(dir);
  return dir;
}

/** The file the harness's own writer makes of `document` (snapshot.encode_file). */
function written(document: unknown): Buffer {
  return execFileSync(
    'python3',
    [
      '-c',
      'import json, sys\nfrom allocdiff_harness import snapshot\n' +
        'sys.stdout.buffer.write(snapshot.encode_file(json.load(sys.stdin)))',
    ],
    { input: JSON.stringify(document), env },
  );
}

/** A document with sizes beyond 32 bits, negative ones, lines beyond 31 bits and no text. */
const DOCUMENT = {
  schema: SNAPSHOT_SCHEMA,
  harness: { version: '0.3.0' },
  python: { version: '3.11.7', implementation: 'CPython' },
  platform: 'linux',
  frames: 1,
  repeats: 2,
  iterations: 0,
  timings: { setupSeconds: 0, totalSeconds: 1 },
  scenarios: [
    {
      name: 'bench_a',
      kind: 'function',
      status: 'ok',
      peakBytes: 10,
      retainedBytes: 2 ** 40 + 3 - 4096,
      retainedCount: 3,
      durationSeconds: 0.1,
      repeats: [],
      sites: {
        file: [0, 3, 0],
        line: [7, 4_000_000_000, 8],
        text: [1, NO_STRING, 4],
        function: [2, NO_STRING, 2],
        size: [2 ** 40 + 3, -4096, 0],
        count: [5, -2, 0],
        repeats: [[1, [-4096, 0], [-2, 0]]],
        tracebacks: [[0, [{ size: 9, count: 1, frames: [{ file: 3, line: 1, text: 4 }] }]]],
      },
      peak: {
        bytes: 10,
        peakBytes: 12,
        sites: { file: [3], line: [1], text: [4], function: [NO_STRING], size: [10], count: [1] },
      },
    },
  ],
  strings: ['app/módulo.py', 'cache = {}', 'LRU.put', '<stdlib>/json/decoder.py', 'é ☃ 𝄞'],
  unmeasured: [],
};

describe('the snapshot file', () => {
  it('reads every column as the harness wrote it', () => {
    const bytes = written(DOCUMENT);
    const [scenario] = decodeSnapshotFile(bytes, 'snapshot x').scenarios;
    expect(scenario!.sites).toEqual([
      {
        file: 'app/módulo.py',
        line: 7,
        text: 'cache = {}',
        function: 'LRU.put',
        size: 2 ** 40 + 3,
        count: 5,
        tracebacks: [
          {
            size: 9,
            count: 1,
            frames: [{ file: '<stdlib>/json/decoder.py', line: 1, text: 'é ☃ 𝄞' }],
          },
        ],
      },
      {
        file: '<stdlib>/json/decoder.py',
        line: 4_000_000_000,
        size: -4096,
        count: -2,
        sizes: [-4096, 0],
        counts: [-2, 0],
      },
      { file: 'app/módulo.py', line: 8, text: 'é ☃ 𝄞', function: 'LRU.put', size: 0, count: 0 },
    ]);
    expect(scenario!.peak!.sites).toEqual([
      { file: '<stdlib>/json/decoder.py', line: 1, text: 'é ☃ 𝄞', size: 10, count: 1 },
    ]);
    // Read where the file does not start at an aligned address (copied, not viewed): the same.
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    expect(decodeSnapshotFile(shifted.subarray(1), 'snapshot x').scenarios[0]!.sites).toEqual(
      scenario!.sites,
    );
  });

  it('gives compare the columns themselves until the sites are read', () => {
    const [scenario] = decodeSnapshotFile(written(DOCUMENT), 'snapshot x').scenarios;
    const list = siteListOf(scenario!);
    expect(Array.isArray(list)).toBe(false);
    expect([list.sizes[0], list.fileOf(1), list.lines[1], list.textOf(1)]).toEqual([
      2 ** 40 + 3,
      '<stdlib>/json/decoder.py',
      4_000_000_000,
      undefined,
    ]);
    expect(list.withRepeats().map((site) => site.line)).toEqual([4_000_000_000]);
  });

  it('holds the sizes a real benchmark allocated, as Python reads them', async () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'bench.py'),
      'kept = bytearray(3_000_000)\nmore = [bytearray(1000) for _ in range(200)]\n',
    );
    const out = join(dir, 'snapshot.bin');
    execFileSync(
      'python3',
      ['-m', 'allocdiff_harness', '--script', 'bench.py', '--root', dir, '--out', out],
      {
        cwd: dir,
        env,
      },
    );
    const snapshot = await readSnapshot(out);
    const sites = snapshot.scenarios[0]!.sites;
    const line1 = sites.find((site) => site.file === 'bench.py' && site.line === 1)!;
    expect(line1.size).toBeGreaterThanOrEqual(3_000_000);
    expect(line1.size).toBeLessThan(3_000_200);
    expect(line1.text).toBe('kept = bytearray(3_000_000)');
    expect(line1.function).toBe('<module>');
    const line2 = sites.find((site) => site.file === 'bench.py' && site.line === 2)!;
    expect(line2.size).toBeGreaterThanOrEqual(200_000);
    expect(line2.count).toBeGreaterThanOrEqual(200);
    // Every site, as the harness's own reader gives it back.
    const python = JSON.parse(
      execFileSync(
        'python3',
        [
          '-c',
          'import json, sys\nfrom allocdiff_harness import columns, snapshot\n' +
            'd = snapshot.read_snapshot(sys.argv[1])\ns = d["strings"]\n' +
            'print(json.dumps([[s[x["file"]], x["line"], x["size"], x["count"]] ' +
            'for x in columns.decode(d["scenarios"][0]["sites"])]))',
          out,
        ],
        { env },
      ).toString(),
    ) as unknown[];
    expect(sites.map((site) => [site.file, site.line, site.size, site.count])).toEqual(python);
    expect(sites.length).toBeGreaterThan(1);
  });

  it('refuses a file cut short, naming what its header announced', () => {
    const bytes = written(DOCUMENT);
    const cut = () => decodeSnapshotFile(bytes.subarray(0, bytes.length - 8), 'snapshot x');
    expect(cut).toThrow(InvalidDataError);
    expect(cut).toThrow(
      new RegExp(
        `^snapshot x has ${bytes.length - 8 - bytes.indexOf(10) - 1} bytes after its header, which announces \\d+: the file was cut short or altered$`,
      ),
    );
    const headerOnly = bytes.subarray(0, bytes.indexOf(10));
    expect(() => decodeSnapshotFile(headerOnly, 'snapshot x')).toThrow('cut short or altered');
  });

  it('refuses a snapshot of another version, whole JSON as earlier versions were', () => {
    const earlier = Buffer.from(JSON.stringify({ ...DOCUMENT, schema: 'allocdiff.snapshot/3' }));
    expect(() => decodeSnapshotFile(earlier, 'snapshot x')).toThrow(
      `snapshot x has schema "allocdiff.snapshot/3", expected ${SNAPSHOT_SCHEMA} ` +
        '(the harness and the action come from different allocdiff versions)',
    );
    expect(() => decodeSnapshotFile(Buffer.from('{"schema": '), 'snapshot x')).toThrow(
      'snapshot x is not valid JSON on its first line',
    );
  });

  it('refuses a table beyond the file, a value that is not whole, an index not in the table', () => {
    const bytes = written(DOCUMENT);
    const newline = bytes.indexOf(10);
    const header = JSON.parse(bytes.toString('utf8', 0, newline)) as {
      scenarios: { sites: { rows: number; at: number } }[];
      strings: { count: number; at: number };
    };
    const body = bytes.subarray(newline + 1);
    const withHeader = (change: (h: typeof header) => void): Buffer => {
      const copy = structuredClone(header);
      change(copy);
      return Buffer.concat([Buffer.from(`${JSON.stringify(copy)}\n`), body]);
    };
    expect(() =>
      decodeSnapshotFile(
        withHeader((h) => (h.scenarios[0]!.sites.rows = 1000)),
        'snapshot x',
      ),
    ).toThrow(
      /^snapshot x: scenario bench_a sites is not \{rows, at\} of site columns within the \d+ bytes after the header/,
    );
    expect(() =>
      decodeSnapshotFile(
        withHeader((h) => (h.strings.count = 10_000)),
        'snapshot x',
      ),
    ).toThrow('snapshot x: its strings are not {count, at} of a string table');
    const { at, rows } = header.scenarios[0]!.sites;
    const fraction = Buffer.from(bytes);
    fraction.writeDoubleLE(1.5, newline + 1 + at + 8 * rows); // count of site 0
    expect(() => decodeSnapshotFile(fraction, 'snapshot x')).toThrow(
      'snapshot x: scenario bench_a sites.count of site 0 is 1.5, not a whole number',
    );
    const index = Buffer.from(bytes);
    index.writeUInt32LE(99, newline + 1 + at + 16 * rows + 4); // file of site 1
    expect(() => decodeSnapshotFile(index, 'snapshot x')).toThrow(
      'snapshot x: file refers to string 99, not in its string table',
    );
  });

  it('is what the side reads from disk, and a file it cannot parse is invalid data', async () => {
    const dir = folder();
    const path = join(dir, 'snapshot.bin');
    writeFileSync(path, written(DOCUMENT));
    expect((await readSnapshot(path)).scenarios[0]!.sites).toHaveLength(3);
    writeFileSync(path, readFileSync(path).subarray(0, 100));
    await expect(readSnapshot(path)).rejects.toThrow(InvalidDataError);
  });
});
