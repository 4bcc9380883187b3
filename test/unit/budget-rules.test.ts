import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { formatBytes, parseSize, percentChange } from '../../src/budgets/sizes.js';

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
    for (const text of ['', 'KB', '10', '10kb', '10 TB', '-5KB', '1e3B', '5 K B']) {
      expect(parseSize(text), text).toBeUndefined();
    }
  });

  it('parses every whole number of every unit exactly', () => {
    const units = { B: 1, KB: 1000, MB: 1e6, KiB: 1024, MiB: 1024 ** 2 };
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.constantFrom(...Object.keys(units)), (n, unit) => {
        expect(parseSize(`${n}${unit}`)).toBe(n * units[unit as keyof typeof units]);
      }),
    );
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(100_000)).toBe('97.7 KiB');
    expect(formatBytes(-2 * 1024 ** 2)).toBe('-2.00 MiB');
  });

  it('defines relative change against a zero base', () => {
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(0, 10)).toBeUndefined();
    expect(percentChange(200, 210)).toBe(5);
    expect(percentChange(200, 100)).toBe(-50);
  });
});

describe('budget rules', () => {
  it('parses the inline form with ; and newlines and several limits', () => {
    const rules = parseBudgetRules('peak: +5%, 64MB; retained: +100KB\nsite: +10KiB');
    expect(rules).toEqual([
      {
        metric: 'peak',
        source: 'peak: +5%, 64MB',
        limits: [
          { kind: 'relative', percent: 5, text: '+5%' },
          { kind: 'ceiling', bytes: 64_000_000, text: '64MB' },
        ],
      },
      {
        metric: 'retained',
        source: 'retained: +100KB',
        limits: [{ kind: 'growth', bytes: 100_000, text: '+100KB' }],
      },
      {
        metric: 'site',
        source: 'site: +10KiB',
        limits: [{ kind: 'growth', bytes: 10_240, text: '+10KiB' }],
      },
    ]);
  });

  it('is empty for empty input', () => {
    expect(parseBudgetRules('')).toEqual([]);
    expect(parseBudgetRules(' ;\n ; ')).toEqual([]);
  });

  it.each([
    ['peak +5%', /budget rule "peak \+5%": expected "metric: limit"/],
    ['heap: +5%', /unknown metric "heap"; metrics: peak, retained, site/],
    ['peak: 5%', /"5%" is not a limit/],
    ['peak: +5', /"\+5" is not a limit.*units: B, KB/],
    ['retained: +100kb', /"\+100kb" is not a limit/],
    ['peak: +5%,', /missing limit/],
    ['peak:', /missing limit/],
  ])('quotes a malformed rule: %s', (text, message) => {
    expect(() => parseBudgetRules(text)).toThrow(message);
  });
});
