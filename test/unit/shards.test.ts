// A suite split across runners: which shard a name falls to (the same in TypeScript and in the
// harness's Python, run for real), the checks that refuse shards that cannot be merged, and the
// merge itself.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BudgetResult } from '../../src/budgets/evaluate.js';
import { parseShard, shardOfName, snapshotInShard, type Shard } from '../../src/capture/shard.js';
import { settingsDigest, type Settings } from '../../src/config/settings.js';
import { UsageError } from '../../src/errors.js';
import {
  mergeShardReports,
  shardProblems,
  uncheckedInEveryShard,
  type ShardReport,
} from '../../src/publish/merge-mode.js';
import type { Report } from '../../src/report/report.js';
import { report, scenario, scenarioComparison, snapshot } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIGEST = 'd'.repeat(64);

/** Names of every kind: ASCII, accented, CJK, astral (emoji), and lone surrogates. */
function names(): string[] {
  // A small linear congruential generator: the same names on every run.
  let state = 12345;
  const next = (below: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % below;
  };
  const ranges: [number, number][] = [
    [0x20, 0x7e], // ASCII
    [0xc0, 0x17f], // accented Latin
    [0x4e00, 0x9fff], // CJK
    [0x1f300, 0x1faff], // emoji, outside the BMP
    [0xd800, 0xdbff], // high surrogates, alone
    [0xdc00, 0xdfff], // low surrogates, alone
  ];
  const made = [
    '',
    'bench_a',
    'tests/test_io.py::test_read[utf-8]',
    'bench_café',
    'tests/test_名前.py::test_読む',
    'bench_\u{1f600}',
    'bench_\ud800',
    'bench_\udc00x',
    '\ud800\ud800',
    '\udc00\ud800',
    'x\ud83d',
  ];
  for (let i = 0; i < 2_000; i += 1) {
    const length = 1 + next(12);
    let name = '';
    for (let c = 0; c < length; c += 1) {
      const [low, high] = ranges[i % 3 === 0 ? next(ranges.length) : next(4)]!;
      name += String.fromCodePoint(low + next(high - low + 1));
    }
    made.push(name);
  }
  return made;
}

/** `shard_of(name, count)` of the harness, run by python3, for each name and count. */
function pythonShards(all: readonly string[], counts: readonly number[]): number[][] {
  const program = [
    'import json, sys',
    'from allocdiff_harness.shard import shard_of',
    'names, counts = json.load(sys.stdin)',
    'json.dump([[shard_of(name, count) for count in counts] for name in names], sys.stdout)',
  ].join('\n');
  const output = execFileSync('python3', ['-c', program], {
    cwd: join(ROOT, 'python'),
    input: JSON.stringify([all, counts]),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as number[][];
}

describe('the shard a scenario falls to', () => {
  it('is the same in the harness (Python) as here, for every kind of name', () => {
    const all = names();
    expect(
      all.some((name) =>
        /[\ud800-\udfff]/.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')),
      ),
    ).toBe(true);
    const counts = [1, 2, 3, 7, 16, 255, 256];
    const python = pythonShards(all, counts);
    const mismatched = all.flatMap((name, i) =>
      counts.flatMap((count, j) =>
        python[i]![j] === shardOfName(name, count)
          ? []
          : [
              `${JSON.stringify(name)} of ${count}: ${python[i]![j]} in Python, ${shardOfName(name, count)} here`,
            ],
      ),
    );
    expect(mismatched).toEqual([]);
    // The names are spread over the shards, not all in one.
    const perShard = new Set(all.map((name) => shardOfName(name, 7)));
    expect(perShard.size).toBe(7);
  });

  it('parses K/N and refuses anything else, naming the input', () => {
    expect(parseShard(' 2 / 4 ', 'shard')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/3', '4/3', '1/257', '1', 'a/b', '1/3/5', '-1/3', '']) {
      expect(() => parseShard(bad, 'input shard')).toThrow(UsageError);
      expect(() => parseShard(bad, 'input shard')).toThrow(`input shard: got "${bad}"`);
    }
  });

  it('keeps in a snapshot only the scenarios of the shard', () => {
    const all = ['bench_a', 'bench_b', 'bench_c', 'bench_d', 'bench_e', 'bench_f'];
    const whole = snapshot(all.map((name) => scenario(name)));
    const parts = [1, 2, 3].map((index) =>
      snapshotInShard(whole, { index, count: 3 }).scenarios.map((s) => s.name),
    );
    expect(parts.flat().sort()).toEqual(all);
    parts.forEach((part, i) => {
      for (const name of part) expect(shardOfName(name, 3)).toBe(i + 1);
    });
  });
});

/** Names that fall to each shard of `count`, `per` of each. */
function namesByShard(count: number, per: number): string[][] {
  const found: string[][] = Array.from({ length: count }, () => []);
  for (let i = 0; found.some((f) => f.length < per); i += 1) {
    const name = `bench_${i}`;
    const list = found[shardOfName(name, count) - 1]!;
    if (list.length < per) list.push(name);
  }
  return found;
}

function budget(scenarioName: string, extra: Partial<BudgetResult> = {}): BudgetResult {
  return {
    rule: 'retained: +1KB',
    metric: 'retained',
    scenario: scenarioName,
    limit: '+1KB',
    actual: '+0 B',
    status: 'pass',
    level: 'fail',
    ...extra,
  };
}

/** Shard `index` of `count` holding `scenarios`, as its measuring job reported it. */
function shardReport(
  index: number,
  count: number,
  scenarios: string[],
  extra: Partial<Report> = {},
): ShardReport {
  const shard: Shard = { index, count };
  return {
    shard,
    artifact: `allocdiff-default-shard-${index}-of-${count}`,
    report: report(
      scenarios.map((name) => scenarioComparison({ name })),
      {
        shard: { ...shard, settings: DIGEST },
        budgets: scenarios.map((name) => budget(name)),
        environment: {
          python: '3.12.3',
          implementation: 'CPython',
          platform: 'linux',
          frames: 1,
          repeats: 3,
          iterations: 0,
        },
        ...extra,
      },
    ),
  };
}

describe('the checks before shards are merged', () => {
  const [one, two, three] = namesByShard(3, 2) as [string[], string[], string[]];
  const shards = () => [shardReport(1, 3, one), shardReport(2, 3, two), shardReport(3, 3, three)];

  it('pass shards of the same run, each scenario in the shard its name falls to', () => {
    expect(shardProblems(3, shards())).toEqual([]);
    // A shard missing is no problem here: the merge names it.
    expect(shardProblems(3, shards().slice(0, 2))).toEqual([]);
  });

  it('refuse a scenario in two shards, or in a shard its name does not fall to', () => {
    const overlapping = shards();
    overlapping[1]!.report.scenarios.push(scenarioComparison({ name: one[0] }));
    expect(shardProblems(3, overlapping)).toEqual([`scenario "${one[0]}" is in shards 1 and 2`]);
    const twice = shards();
    twice[0]!.report.scenarios.push(scenarioComparison({ name: one[0] }));
    expect(shardProblems(3, twice)).toEqual([`scenario "${one[0]}" is in shard 1 twice`]);
    const misplaced = shards();
    misplaced[1]!.report.scenarios = [scenarioComparison({ name: two[1] })];
    misplaced[2]!.report.scenarios = [scenarioComparison({ name: two[0] })];
    expect(shardProblems(3, misplaced)).toEqual([
      `scenario "${two[0]}" is in shard 3's report, but its name falls to shard 2`,
    ]);
  });

  it('refuse an artifact whose report is another shard, or of another number of shards', () => {
    const swapped = shards();
    swapped[0]!.report.shard = { index: 2, count: 3, settings: DIGEST };
    expect(shardProblems(3, swapped)).toContain(
      'artifact allocdiff-default-shard-1-of-3 holds the report of shard 2 of 3',
    );
    const whole = shards();
    delete whole[2]!.report.shard;
    expect(shardProblems(3, whole)).toContain(
      'artifact allocdiff-default-shard-3-of-3 holds the report of no shard (a whole report)',
    );
    const other = [...shards().slice(0, 2), shardReport(3, 4, [])];
    expect(shardProblems(3, other)).toContain(
      'artifact allocdiff-default-shard-3-of-4 is for 4 shards, the others for 3',
    );
  });

  it('refuse shards that differ in what was measured or how, naming each', () => {
    const cases: [string, (r: Report) => void][] = [
      ['base commit', (r) => (r.base.sha = '2'.repeat(40))],
      ['head commit', (r) => (r.head.sha = '3'.repeat(40))],
      ['report key', (r) => (r.key = 'other')],
      ['allocdiff version', (r) => (r.allocdiffVersion = '9.9.9')],
      ['settings', (r) => (r.shard!.settings = 'e'.repeat(64))],
      ['config file', (r) => (r.configFile = 'other.yml')],
      ['Python', (r) => (r.environment.python = '3.13.0')],
      ['platform', (r) => (r.environment.platform = 'darwin')],
      ['frames', (r) => (r.environment.frames = 5)],
    ];
    for (const [what, edit] of cases) {
      const differing = shards();
      edit(differing[1]!.report);
      const problems = shardProblems(3, differing);
      expect(problems, what).toHaveLength(1);
      expect(problems[0]).toMatch(
        new RegExp(`^the shards differ in their ${what} \\(shard 1: .*; shard 2: `),
      );
    }
  });

  it('list the first ten problems and count the others', () => {
    const crowded = shards();
    for (let i = 0; i < 15; i += 1) {
      crowded[1]!.report.scenarios.push(scenarioComparison({ name: one[0] }));
    }
    const problems = shardProblems(3, crowded);
    expect(problems).toHaveLength(11);
    expect(problems[10]).toBe('and 5 more');
  });
});

describe('the merge of shards', () => {
  const [one, two, three] = namesByShard(3, 2) as [string[], string[], string[]];

  it('joins the scenarios and budgets in shard order, and decides the verdict again', () => {
    const failing = shardReport(2, 3, two, {
      verdict: 'fail',
      budgets: [budget(two[0]!, { status: 'fail' })],
    });
    const merged = mergeShardReports(
      3,
      [shardReport(3, 3, three), failing, shardReport(1, 3, one)],
      [],
    );
    expect(merged.scenarios.map((s) => s.name)).toEqual([...one, ...two, ...three]);
    expect(merged.budgets.map((b) => b.scenario)).toEqual([...one, two[0], ...three]);
    expect(merged.verdict).toBe('fail');
    expect(merged.shards).toEqual({ count: 3, missing: [] });
    expect(merged.shard).toBeUndefined();
  });

  it('names each missing shard in a warning, so the verdict is at least a warning', () => {
    const merged = mergeShardReports(
      3,
      [shardReport(1, 3, one), shardReport(3, 3, three)],
      [{ index: 2, why: 'run 7 has no artifact allocdiff-default-shard-2-of-3' }],
    );
    expect(merged.verdict).toBe('warn');
    expect(merged.shards).toEqual({ count: 3, missing: [2] });
    expect(merged.warnings).toEqual([
      'shard 2 of 3 left no report (run 7 has no artifact allocdiff-default-shard-2-of-3): its ' +
        'scenarios were neither measured nor checked',
    ]);
    expect(() => mergeShardReports(3, [], [])).toThrow('none of the 3 shards left a report');
  });

  it('keeps each warning once, and sums the sites left out', () => {
    const hidden = (ignored: number) => ({ ignored, belowMinimumChange: 1, minimumChange: 64 });
    const merged = mergeShardReports(
      2,
      [
        shardReport(1, 2, [], { warnings: ['same'], hiddenSites: hidden(2) }),
        shardReport(2, 2, [], { warnings: ['same', 'other'], hiddenSites: hidden(5) }),
      ],
      [],
    );
    expect(merged.warnings).toEqual(['same', 'other']);
    expect(merged.hiddenSites).toEqual({ ignored: 7, belowMinimumChange: 2, minimumChange: 64 });
  });

  it('records the repeats and leak-check calls one run of every scenario would', () => {
    // Asked for: settings, in the digest every shard must share.
    const asked = {
      repeats: 3,
      iterations: 0,
      base: 'main',
      shard: { index: 1, count: 3 },
    } as unknown as Settings;
    const digest = settingsDigest(asked);
    expect(settingsDigest({ ...asked, repeats: 5 })).not.toBe(digest);
    expect(settingsDigest({ ...asked, iterations: 10 })).not.toBe(digest);
    expect(settingsDigest({ ...asked, shard: { index: 2, count: 3 } })).toBe(digest);
    // Ran: shard 1's first runs agreed (1 repeat, no leak check); shard 2's differed, so its
    // changed scenarios were measured again, with the automatic leak check.
    const ran = (index: number, repeats: number, iterations: number) => {
      const shard = shardReport(index, 2, []);
      shard.report.environment = { ...shard.report.environment, repeats, iterations };
      return shard;
    };
    const merged = mergeShardReports(2, [ran(1, 1, 0), ran(2, 3, 5)], []);
    expect(merged.environment).toMatchObject({ repeats: 3, iterations: 5 });
    expect(mergeShardReports(2, [ran(1, 1, 0), ran(2, 1, 0)], []).environment).toMatchObject({
      repeats: 1,
      iterations: 0,
    });
  });

  it('says which shards did not run head, or that none did', () => {
    const unchanged = 'no change: the pull request touches nothing the benchmark reads';
    const both = mergeShardReports(
      2,
      [
        shardReport(1, 2, [], { noChange: unchanged }),
        shardReport(2, 2, [], { noChange: unchanged }),
      ],
      [],
    );
    expect(both.noChange).toBe(unchanged);
    const one = mergeShardReports(
      2,
      [shardReport(1, 2, [], { noChange: unchanged }), shardReport(2, 2, [])],
      [],
    );
    expect(one.noChange).toBe(`in shard 1 of 2: ${unchanged}`);
  });

  it('says how many tests the shards did not count objects for, and where', () => {
    const why = (shown: number, of: number) =>
      `objects by type counted for the ${shown} of ${of} tests measured in depth that grew most ` +
      `in a first run, not for the other ${of - shown}`;
    const one = mergeShardReports(
      2,
      [
        shardReport(1, 2, []),
        shardReport(2, 2, [], { objectsNotCounted: { count: 3, why: why(5, 8) } }),
      ],
      [],
    );
    expect(one.objectsNotCounted).toEqual({ count: 3, why: `in shard 2 of 2: ${why(5, 8)}` });
    const both = mergeShardReports(
      3,
      [
        shardReport(1, 3, [], { objectsNotCounted: { count: 3, why: why(5, 8) } }),
        shardReport(2, 3, []),
        shardReport(3, 3, [], { objectsNotCounted: { count: 1, why: why(5, 6) } }),
      ],
      [],
    );
    expect(both.objectsNotCounted).toEqual({
      count: 4,
      why:
        'objects by type not counted for 4 tests measured in depth, in shards 1 and 3 of 3: ' +
        'each counted those that grew most in its own first run',
    });
    const none = mergeShardReports(2, [shardReport(1, 2, []), shardReport(2, 2, [])], []);
    expect(none.objectsNotCounted).toBeUndefined();
  });

  it('warns about an override or a rule only when no shard checked it', () => {
    const glob = 'allocdiff.yml: scenarios."bench_export*"';
    const matched = 'allocdiff.yml: scenarios."bench_1*"';
    const leak = { rule: 'leak: 0B', reason: 'not measured: no leak check (iterations: 0)' };
    const peak = { rule: 'peak: +5%', reason: 'no peak measured' };
    const reports = [
      shardReport(1, 3, one, {
        shard: {
          index: 1,
          count: 3,
          settings: DIGEST,
          unchecked: {
            overrides: [
              { override: glob, rules: ['peak: 1GB'] },
              { override: matched, rules: ['peak: 2GB'] },
            ],
            rules: [leak, peak],
          },
        },
      }),
      shardReport(2, 3, two, {
        shard: {
          index: 2,
          count: 3,
          settings: DIGEST,
          unchecked: { overrides: [{ override: glob, rules: ['peak: 1GB'] }], rules: [leak] },
        },
        // Shard 2 checked the peak rule.
        budgets: [budget(two[0]!, { rule: 'peak: +5%', metric: 'peak', limit: '+5%' })],
      }),
      shardReport(3, 3, three, {
        shard: {
          index: 3,
          count: 3,
          settings: DIGEST,
          unchecked: { overrides: [{ override: glob, rules: ['peak: 1GB'] }], rules: [] },
        },
      }),
    ];
    const all = reports.map((s) => s.report);
    expect(
      uncheckedInEveryShard(
        all,
        all.flatMap((r) => r.budgets),
      ),
    ).toEqual({
      overrides: [{ override: glob, rules: ['peak: 1GB'] }],
      rules: [leak],
    });
    const merged = mergeShardReports(3, reports, []);
    const names = [...one, ...two, ...three];
    expect(merged.warnings).toEqual([
      `${glob} matches no scenario (scenarios: ${names
        .slice(0, 5)
        .map((n) => `"${n}"`)
        .join(', ')} and 1 more); its budgets were not checked: "peak: 1GB"`,
      `budget "leak: 0B" was not checked: ${leak.reason}`,
    ]);
    expect(merged.verdict).toBe('warn');
    // Checked everywhere: no warning, and a pass.
    const clean = mergeShardReports(
      3,
      [shardReport(1, 3, one), shardReport(2, 3, two), shardReport(3, 3, three)],
      [],
    );
    expect(clean.warnings).toEqual([]);
    expect(clean.verdict).toBe('pass');
  });
});
