import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_METRICS,
  parseBudgetRules,
  parseInlineRules,
  parseLimit,
  parseRuleLimits,
  type BudgetLimit,
  type BudgetMetric,
} from '../../src/budgets/rules.js';
import { parseSize, SIZE_UNITS } from '../../src/budgets/sizes.js';
import { checkBudgets } from '../../src/budgets/evaluate.js';
import { formatBytes, formatPercent, groupDigits, percentChange } from '../../src/format/sizes.js';
import { measure, scenarioComparison } from './fixtures.js';

const UNITS = Object.keys(SIZE_UNITS);

/** The limit, or the test fails with the problems. */
function limit(metric: BudgetMetric, text: string): BudgetLimit {
  const parsed = parseLimit(metric, text);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.value;
}

/** The one problem with a limit. */
function problem(metric: BudgetMetric, text: string): string {
  const parsed = parseLimit(metric, text);
  if (parsed.ok) throw new Error(`"${text}" parsed as ${JSON.stringify(parsed.value)}`);
  expect(parsed.problems).toHaveLength(1);
  return parsed.problems[0];
}

describe('sizes', () => {
  it('reads decimal units as powers of 1000 and binary units as powers of 1024', () => {
    expect(parseSize('100KB')).toBe(100_000);
    expect(parseSize('100KiB')).toBe(102_400);
    expect(parseSize('2 MB')).toBe(2_000_000);
    expect(parseSize('1.5MiB')).toBe(1_572_864);
    expect(parseSize('1GB')).toBe(1e9);
    expect(parseSize('1GiB')).toBe(1024 ** 3);
    expect(parseSize('12B')).toBe(12);
  });

  it('rejects what is not a size', () => {
    for (const text of ['', 'KB', '10', '10kb', '10 TB', '-5KB', '1e3B', '5 K B', '+5KB', '.5KB']) {
      expect(parseSize(text), text).toBeUndefined();
    }
  });

  it('rejects sizes too large to count exactly', () => {
    expect(parseSize('9007199254740991B')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseSize('9007199254740992B')).toBeUndefined();
    expect(parseSize('99999999GiB')).toBeUndefined();
  });

  it('rounds fractions to the nearest byte', () => {
    expect(parseSize('0.5KiB')).toBe(512);
    expect(parseSize('0.1MB')).toBe(100_000);
    expect(parseSize('1.0001KB')).toBe(1_000);
    expect(parseSize('2.5B')).toBe(3);
  });

  it('parses every whole number of every unit exactly (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.constantFrom(...UNITS), (n, unit) => {
        expect(parseSize(`${n}${unit}`)).toBe(n * SIZE_UNITS[unit]);
        expect(parseSize(`${n} ${unit}`)).toBe(n * SIZE_UNITS[unit]);
      }),
    );
  });

  it('parses decimals to the nearest byte of their exact value (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(...UNITS),
        (whole, thousandths, unit) => {
          const text = `${whole}.${String(thousandths).padStart(3, '0')}${unit}`;
          // Exact: thousandths of a unit, in integers, rounded half up.
          const exact = (whole * 1000 + thousandths) * SIZE_UNITS[unit];
          expect(Math.abs(parseSize(text)! - exact / 1000)).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(100_000)).toBe('97.7 KiB');
    expect(formatBytes(-2 * 1024 ** 2)).toBe('-2.00 MiB');
  });

  it('groups the digits of percentages like those of any figure', () => {
    expect(formatPercent(748_640.74, false)).toBe('+748,640.7 %');
    expect(formatPercent(999.94)).toBe('+999.9 %');
    expect(formatPercent(-1_234.5)).toBe('-1,234.5 %');
    expect(formatPercent(-0.05)).toBe('-0.05 %');
    expect(formatPercent(12.34)).toBe('+12.3 %');
    expect(formatPercent(0.001)).toBe('0 %');
    expect(formatPercent(undefined)).toBe('new');
  });

  it('says a growth of 1,000 % or more as the factor head is of base', () => {
    // A 5 KiB peak that became 7.63 MiB: `+150,872.5 %` says little.
    expect(formatPercent(percentChange(5_296, 7_995_600))).toBe('×1,510');
    expect(formatPercent(1_000)).toBe('×11.0');
    expect(formatPercent(1_083.9)).toBe('×11.8');
    expect(formatPercent(9_850)).toBe('×99.5');
    // A shrink is never that large; a negative base's change stays in percent.
    expect(formatPercent(-1_234.5)).toBe('-1,234.5 %');
    // A budget's actual, beside a relative limit: the factor, but in percent beside a limit of
    // 1,000 % or more, to be compared with it.
    const scenario = scenarioComparison({ peak: measure(5_296, 7_995_600) });
    const actual = (rule: string) =>
      checkBudgets({ scenarios: [scenario] }, parseBudgetRules(rule)).results[0]!.actual;
    expect(actual('peak: +10%')).toBe('×1,510');
    expect(actual('peak: +2000%')).toBe('+150,874.3 %');
  });

  it('formats sizes in decimal units when asked, rounding up to the next unit there too', () => {
    expect(formatBytes(999, 'decimal')).toBe('999 B');
    expect(formatBytes(1_000, 'decimal')).toBe('1.00 KB');
    expect(formatBytes(1_024, 'decimal')).toBe('1.02 KB');
    expect(formatBytes(2_170_000, 'decimal')).toBe('2.17 MB');
    expect(formatBytes(999_700, 'decimal')).toBe('1.00 MB');
    expect(formatBytes(-64_000_000, 'decimal')).toBe('-64.0 MB');
  });

  it('writes a size that rounds up to the next unit in that unit', () => {
    expect(formatBytes(1024 ** 2 - 1)).toBe('1.00 MiB');
    expect(formatBytes(-(1024 ** 2 - 300))).toBe('-1.00 MiB');
    expect(formatBytes(1023.4 * 1024)).toBe('1,023 KiB');
    expect(formatBytes(Math.round(9.998 * 1024))).toBe('10.0 KiB');
    expect(formatBytes(Math.round(99.97 * 1024))).toBe('100 KiB');
  });

  it('groups digits as en-US does, without loading a locale', () => {
    for (const n of [0, 7, -7, 999, 1000, -1000, 12_345, 999_999, 1_000_000, -123_456_789]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
    }
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => groupDigits(n) === n.toLocaleString('en-US')),
    );
    expect(groupDigits(1234.5)).toBe('1,234.5');
  });

  it('defines relative change against a zero base', () => {
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(0, 10)).toBeUndefined();
    expect(percentChange(200, 210)).toBe(5);
    expect(percentChange(200, 100)).toBe(-50);
  });
});

describe('parseLimit', () => {
  it('reads the four kinds of limit', () => {
    expect(limit('peak', '64MB')).toEqual({ kind: 'ceiling', amount: 64_000_000, text: '64MB' });
    expect(limit('peak', '+100 KiB')).toEqual({ kind: 'growth', amount: 102_400, text: '+100KiB' });
    expect(limit('peak', '+5%')).toEqual({ kind: 'relative', percent: 5, text: '+5%' });
    expect(limit('peak', '-10%')).toEqual({ kind: 'floor', percent: 10, text: '-10%' });
    expect(limit('peak', '+ 2.5 %')).toEqual({ kind: 'relative', percent: 2.5, text: '+2.5%' });
  });

  it('reads count limits as numbers of allocations, without a unit', () => {
    expect(limit('count', '50000')).toEqual({ kind: 'ceiling', amount: 50_000, text: '50000' });
    expect(limit('count', '+1000')).toEqual({ kind: 'growth', amount: 1_000, text: '+1000' });
    expect(limit('count', '+3%')).toEqual({ kind: 'relative', percent: 3, text: '+3%' });
    expect(limit('count', '-20%')).toEqual({ kind: 'floor', percent: 20, text: '-20%' });
  });

  it('accepts -100% and rejects a floor below it', () => {
    expect(limit('retained', '-100%')).toMatchObject({ kind: 'floor', percent: 100 });
    expect(problem('retained', '-100.5%')).toBe(
      '"-100.5%" is not a limit: memory cannot shrink by more than 100%',
    );
  });

  it.each([
    ['peak', '5%', 'a percentage needs a sign: +N% (max growth) or -N% (improvement floor)'],
    ['peak', '+5', 'a size needs a unit, e.g. 100KB'],
    ['peak', '64000000', 'a size needs a unit, e.g. 100KB'],
    ['retained', '+100kb', 'units are case-sensitive: did you mean KB?'],
    ['retained', '1mib', 'units are case-sensitive: did you mean MiB?'],
    ['site', '-100KB', 'only a percentage can be negative: -N% (improvement floor)'],
    ['peak', '99999999999GiB', 'the number is too large'],
    ['count', '+10KB', 'count limits are numbers of allocations, without a unit'],
    ['peak', '+5% (warn)', 'a level goes once, at the end of the rule, after all its limits'],
  ] as const)('names the slip in %s limit "%s"', (metric, text, why) => {
    const message = problem(metric, text);
    expect(message).toContain(`"${text}" is not a limit (${why}); `);
  });

  it('says what is allowed, with the units, for a limit it cannot read', () => {
    expect(problem('peak', 'lots')).toBe(
      '"lots" is not a limit; a limit is N<unit> (ceiling), +N<unit> (max growth), +N% ' +
        '(max relative growth) or -N% (improvement floor); units: B, KB, MB, GB (powers of ' +
        '1000), KiB, MiB, GiB (powers of 1024); units are case-sensitive',
    );
    expect(problem('count', 'many')).toContain('a count limit is N (ceiling), +N (max growth)');
  });

  it('reads every well-formed limit exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<BudgetMetric>('peak', 'retained', 'site', 'leak'),
        fc.nat(1_000_000),
        fc.constantFrom(...UNITS),
        (metric, n, unit) => {
          expect(limit(metric, `${n}${unit}`)).toMatchObject({
            kind: 'ceiling',
            amount: n * SIZE_UNITS[unit],
          });
          expect(limit(metric, `+${n}${unit}`)).toMatchObject({
            kind: 'growth',
            amount: n * SIZE_UNITS[unit],
          });
          expect(limit(metric, `+${n}%`)).toMatchObject({ kind: 'relative', percent: n });
          const floor = parseLimit(metric, `-${n}%`);
          expect(floor.ok).toBe(n <= 100);
        },
      ),
    );
  });

  it('never throws: any text is a limit or one message naming it (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUDGET_METRICS), fc.string(), (metric, text) => {
        const parsed = parseLimit(metric, text);
        if (!parsed.ok) {
          expect(parsed.problems).toHaveLength(1);
          expect(parsed.problems[0]).toContain(`"${text.trim()}"`);
        }
      }),
    );
  });
});

describe('parseRuleLimits', () => {
  it('reads limits, a level suffix, and writes the rule back in its inline form', () => {
    const rule = parseRuleLimits('site', ' +10KiB,  1MB (warn) ');
    expect(rule).toEqual({
      ok: true,
      value: {
        metric: 'site',
        level: 'warn',
        source: 'site: +10KiB, 1MB (warn)',
        limits: [
          { kind: 'growth', amount: 10_240, text: '+10KiB' },
          { kind: 'ceiling', amount: 1_000_000, text: '1MB' },
        ],
      },
    });
  });

  it('defaults to fail, and takes the level given beside the text', () => {
    expect(parseRuleLimits('peak', '+5%')).toMatchObject({ value: { level: 'fail' } });
    expect(parseRuleLimits('peak', '+5% (fail)', 'fail')).toMatchObject({
      value: { level: 'fail', source: 'peak: +5%' },
    });
    expect(parseRuleLimits('peak', '+5%', 'warn')).toMatchObject({
      value: { level: 'warn', source: 'peak: +5% (warn)' },
    });
  });

  it('reports every problem of a rule, one message each', () => {
    expect(parseRuleLimits('peak', '5%, +1, (error)')).toEqual({
      ok: false,
      problems: [
        '"(error)" is not a level; a rule may end with (warn) or (fail)',
        expect.stringMatching(/^missing limit; a limit is/),
        expect.stringMatching(/^"5%" is not a limit \(a percentage needs a sign/),
        expect.stringMatching(/^"\+1" is not a limit \(a size needs a unit/),
      ],
    });
  });

  it('rejects a level given twice, differently', () => {
    expect(parseRuleLimits('peak', '+5% (warn)', 'fail')).toEqual({
      ok: false,
      problems: ['the rule says (warn) but its level is fail; give the level once'],
    });
  });
});

describe('inline budget rules', () => {
  it('parses ; and newlines, several limits, levels and all five metrics', () => {
    const rules = parseBudgetRules(
      'peak: +5%, 64MB; retained: +100KB\nsite: +10KiB (warn)\nleak: 0B; count: +1000, -10%',
    );
    expect(rules.map((rule) => [rule.metric, rule.level, rule.source])).toEqual([
      ['peak', 'fail', 'peak: +5%, 64MB'],
      ['retained', 'fail', 'retained: +100KB'],
      ['site', 'warn', 'site: +10KiB (warn)'],
      ['leak', 'fail', 'leak: 0B'],
      ['count', 'fail', 'count: +1000, -10%'],
    ]);
    expect(rules[0].limits).toEqual([
      { kind: 'relative', percent: 5, text: '+5%' },
      { kind: 'ceiling', amount: 64_000_000, text: '64MB' },
    ]);
  });

  it('is empty for empty input and skips comment lines', () => {
    expect(parseBudgetRules('')).toEqual([]);
    expect(parseBudgetRules(' ;\n ; ')).toEqual([]);
    expect(parseBudgetRules('# peak: nonsense\npeak: +1%')).toHaveLength(1);
  });

  it.each([
    ['peak +5%', /budget rule "peak \+5%": expected "metric: limit"/],
    ['heap: +5%', /unknown metric "heap"; metrics: peak, retained, site, leak, count/],
    ['peek: +5%', /unknown metric "peek"; did you mean peak\? metrics: peak, retained, site/],
    ['leek: +5%', /unknown metric "leek"; did you mean leak\? metrics:/],
    ['memory: +5%', /unknown metric "memory"; metrics: peak, retained, site, leak, count/],
    ['peak: 5%', /"5%" is not a limit/],
    ['peak: +5', /"\+5" is not a limit.*units: B, KB/],
    ['retained: +100kb', /"\+100kb" is not a limit/],
    ['peak: +5%,', /missing limit/],
    ['peak:', /missing limit/],
    ['count: 5MB', /count limits are numbers of allocations/],
  ])('quotes a malformed rule: %s', (text, message) => {
    expect(() => parseBudgetRules(text)).toThrow(message);
  });

  it('lists every malformed rule, each with its rule quoted', () => {
    expect(parseInlineRules('peak: 5%; retained: +1KB; heap: 1MB; site +1KB')).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/^budget rule "peak: 5%": "5%" is not a limit/),
        'budget rule "heap: 1MB": unknown metric "heap"; metrics: peak, retained, site, leak, count, rss',
        'budget rule "site +1KB": expected "metric: limit", e.g. "peak: +5%"',
      ],
    });
  });

  it('writes every rule back in a form that parses to the same rule (property)', () => {
    const limitText = fc.oneof(
      fc.tuple(fc.nat(10_000), fc.constantFrom(...UNITS)).map(([n, u]) => `${n}${u}`),
      fc.tuple(fc.nat(10_000), fc.constantFrom(...UNITS)).map(([n, u]) => `+${n} ${u}`),
      fc.nat(500).map((n) => `+${n}%`),
      fc.nat(100).map((n) => `-${n}%`),
    );
    fc.assert(
      fc.property(
        fc.constantFrom<BudgetMetric>('peak', 'retained', 'site', 'leak'),
        fc.array(limitText, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', ' (warn)', ' (fail)'),
        (metric, limits, level) => {
          const [rule] = parseBudgetRules(`${metric}: ${limits.join(', ')}${level}`);
          expect(parseBudgetRules(rule.source)).toEqual([rule]);
        },
      ),
    );
  });
});
