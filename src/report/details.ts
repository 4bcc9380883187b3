/**
 * The folded parts of the comment: what a reader opens when the table is not enough. Per
 * scenario: noise (with ranges) or determinism, the leak check, tracebacks of the top changed
 * sites, objects by type, the sites at the peak; and the environment of the run. Everything
 * that comes from the pull request is escaped here.
 */
import type { SiteTraceback } from '../capture/snapshot.js';
import { formatBytes, formatBytesDelta, formatCountDelta, groupDigits } from '../format/sizes.js';
import type { Measure, ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { MEASURES, measureOf, measuresWhere, type MeasureSpec } from '../compare/measures.js';
import { escapeBlock, escapeCode, escapeText } from './escape.js';

/** `app/cache.py:120 in LRU.put`: where a site is, as the reader finds it. */
export function siteLabel(
  site: Pick<SiteDelta, 'file' | 'line' | 'baseLine' | 'function'>,
): string {
  const line = site.line ?? site.baseLine ?? '?';
  return `${site.file}:${line}${site.function ? ` in ${site.function}` : ''}`;
}

/** A frame in the project: not the standard library, an installed package or a pseudo file. */
export function isProjectFile(file: string): boolean {
  return !file.startsWith('<') && !file.startsWith('site-packages/');
}

/** One traceback as `Traceback.format()` writes it: oldest call first, the site last. */
export function formatTraceback(traceback: SiteTraceback): string {
  const lines = traceback.truncated ? ['  … older frames cut off (raise frames to see them)'] : [];
  for (const frame of traceback.frames) {
    lines.push(
      `  File "${frame.file}", line ${frame.line}${frame.function ? `, in ${frame.function}` : ''}`,
    );
    if (frame.text) lines.push(`    ${frame.text}`);
  }
  return lines.join('\n');
}

function folded(summary: string, body: string[]): string[] {
  return ['', `<details><summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

function count(n: number, what: string): string {
  return `${groupDigits(n)} ${what}${n === 1 ? '' : 's'}`;
}

function rangeText(range: [number, number] | undefined, value: number | null, bytes = true) {
  const show = (n: number) => (bytes ? formatBytes(n) : groupDigits(n));
  if (range) return `${show(range[0])} … ${show(range[1])}`;
  return value === null ? '—' : `${show(value)} (steady)`;
}

/** How a scenario's repeats ran, per side: measurements from the `from`th on were compared. */
export interface RepeatsRun {
  ran: number;
  from: number;
  /** `call` for a function's in-process repeats, `run` for processes. */
  unit: 'call' | 'run';
  /** Why the first measurement was not compared with the others. */
  why?: string;
}

/**
 * The repeats behind a scenario's figures. A function's calls run in one process and its first
 * call (a cold one) is not compared with the others; a script's repeats are processes, and when
 * its objects were counted the first process did that (it moves a few blocks) and is left out.
 * `configured`: the repeats the report says ran per side.
 */
export function repeatsRun(
  scenario: ScenarioComparison,
  configured?: number,
): RepeatsRun | undefined {
  const measured = scenario.repeats ? Math.max(scenario.repeats.base, scenario.repeats.head) : 0;
  if (measured === 0) return undefined;
  // Proven by runs that measured exactly the same: no further repeats were made.
  if (scenario.identicalRuns !== undefined)
    return { ran: scenario.identicalRuns, from: 1, unit: 'run' };
  if (scenario.kind === 'function') {
    return { ran: measured, from: 2, unit: 'call', why: 'the first call is a cold one' };
  }
  // A test's calls are all compared: its first (cold) one with its first call in the first run.
  if (scenario.kind === 'test') return { ran: measured, from: 1, unit: 'call' };
  if (
    scenario.kind === 'script' &&
    scenario.objectTypes !== undefined &&
    configured === measured + 1
  ) {
    return { ran: configured, from: 2, unit: 'run', why: 'the first run also counted objects' };
  }
  return { ran: measured, from: 1, unit: 'run' };
}

/** `3 runs`, or `runs 2–3 of 3` (and why the first was left out). */
function comparedRepeats(run: RepeatsRun): { what: string; why: string } {
  if (run.from === 1) return { what: count(run.ran, run.unit), why: '' };
  return {
    what: `${run.unit}s ${run.from}–${run.ran} of ${run.ran}`,
    why: run.why ? ` (${run.why})` : '',
  };
}

type Total = [row: string, measure: Measure, bytes: boolean, kept: boolean];

/**
 * The totals the noise and growth sections look at, each with its row's label, whether it is
 * bytes and whether it is memory the calls keep: the measures with a row (measures.ts), in the
 * order of the table.
 */
function totalsOf(scenario: ScenarioComparison): Total[] {
  return measuresWhere((spec) => spec.words.row !== undefined).flatMap((name) => {
    const measure = measureOf(scenario, name);
    const spec: MeasureSpec = MEASURES[name];
    return measure && spec.words.row !== undefined
      ? [[spec.words.row, measure, spec.unit === 'bytes', spec.kept] as Total]
      : [];
  });
}

/** A figure that rose call after call over a side's repeats. */
function grows(v: { baseGrowth?: number; headGrowth?: number }): boolean {
  return v.baseGrowth !== undefined || v.headGrowth !== undefined;
}

/**
 * The totals that rose call after call as a leak does: memory the calls keep, and a peak along
 * with it. A peak that rose while nothing kept did is no leak: it only varied, as noise does.
 */
function leakingTotals(scenario: ScenarioComparison, totals: readonly Total[]): Total[] {
  const keeps =
    totals.some(([, measure, , kept]) => kept && grows(measure)) || scenario.sites.some(grows);
  return totals.filter(([, measure, , kept]) => (kept || keeps) && grows(measure));
}

function noiseSection(scenario: ScenarioComparison, top: number, configured?: number): string[] {
  const run = repeatsRun(scenario, configured);
  if (scenario.deterministic === true && scenario.identicalRuns !== undefined) {
    return [
      '',
      `<sub>🎯 ${escapeCode(scenario.name)} is deterministic: ${scenario.identicalRuns} identical runs per side (processes of their own), so no further repeats were needed.</sub>`,
    ];
  }
  if (scenario.deterministic === true && run) {
    const { what, why } = comparedRepeats(run);
    return [
      '',
      `<sub>🎯 ${escapeCode(scenario.name)} is deterministic: ${what} per side gave identical figures${why}.</sub>`,
    ];
  }
  const totals = totalsOf(scenario);
  const leaking = leakingTotals(scenario, totals);
  const noisyTotals = totals.filter(
    (total) => total[1].noisy || (grows(total[1]) && !leaking.includes(total)),
  );
  const noisySites = scenario.sites.filter((site) => site.noisy);
  if (noisyTotals.length === 0 && noisySites.length === 0) return [];
  const shownSites = noisySites.slice(0, top);
  const rows = [
    ...noisyTotals.map(
      ([name, measure, bytes]) =>
        `| ${name} | ${rangeText(measure.baseRange, measure.base, bytes)} | ${rangeText(measure.headRange, measure.head, bytes)} |`,
    ),
    ...shownSites.map(
      (site) =>
        `| ${escapeCode(siteLabel(site), 200)} | ${rangeText(site.baseRange, site.baseLine === null ? null : site.baseSize)} | ${rangeText(site.headRange, site.line === null ? null : site.headSize)} |`,
    ),
  ];
  const more = noisySites.length - shownSites.length;
  return folded(
    `〰️ Noisy in ${escapeCode(scenario.name)}: ${count(noisyTotals.length, 'total')} and ${count(noisySites.length, 'site')} differ between repeats (failed on only where head's range lies beyond base's by more than the two span together)`,
    [
      '| Measurement | Base (min … max) | Head (min … max) |',
      '| --- | ---: | ---: |',
      ...rows,
      ...(more > 0 ? ['', `<sub>${count(more, 'more noisy site')} in the JSON report.</sub>`] : []),
      ...(scenario.kind === 'test'
        ? [
            '',
            "<sub>A test's figures are its first call's, a cold one, as one run of the suite makes it: their range is its first calls (in the first run and in the deep pass), widened by how much its later, warm, calls differ.</sub>",
          ]
        : []),
    ],
  );
}

/** One side of a growing figure: its range and growth per call, or why it did not grow. */
function growthText(
  range: [number, number] | undefined,
  growth: number | undefined,
  value: number | null,
  bytes: boolean,
): string {
  const show = (n: number) => (bytes ? formatBytes(n) : groupDigits(n));
  if (growth !== undefined && range) {
    const perCall = bytes ? formatBytesDelta(growth) : `+${groupDigits(growth)}`;
    return `${show(range[0])} … ${show(range[1])}, grows ${perCall} per call`;
  }
  return range ? `${rangeText(range, value, bytes)} (noisy)` : rangeText(range, value, bytes);
}

/** Figures that rose call after call over a side's in-process repeats: a leak, not noise. */
function growthSection(scenario: ScenarioComparison, top: number): string[] {
  const totals = totalsOf(scenario);
  const growingTotals = leakingTotals(scenario, totals);
  const growingSites = scenario.sites.filter(grows);
  if (growingTotals.length === 0 && growingSites.length === 0) return [];
  const shownSites = growingSites.slice(0, top);
  const more = growingSites.length - shownSites.length;
  return folded(
    `💧 Leak in ${escapeCode(scenario.name)}: ${count(growingTotals.length, 'total')} and ${count(growingSites.length, 'site')} grow with every call (judged by budgets, not noise)`,
    [
      '| Measurement | Base (min … max) | Head (min … max) |',
      '| --- | ---: | ---: |',
      ...growingTotals.map(
        ([name, m, bytes]) =>
          `| ${name} | ${growthText(m.baseRange, m.baseGrowth, m.base, bytes)} | ${growthText(m.headRange, m.headGrowth, m.head, bytes)} |`,
      ),
      ...shownSites.map(
        (site) =>
          `| ${escapeCode(siteLabel(site), 200)} | ${growthText(site.baseRange, site.baseGrowth, site.baseLine === null ? null : site.baseSize, true)} | ${growthText(site.headRange, site.headGrowth, site.line === null ? null : site.headSize, true)} |`,
      ),
      ...(more > 0
        ? ['', `<sub>${count(more, 'more growing site')} in the JSON report.</sub>`]
        : []),
      '',
      `<sub>A function's repeats run in one process: a figure that rises with every call is state the calls keep, not noise, and budgets judge it. Its growth per call is not the bytes each call keeps${scenario.leak ? ' (the leak check measures those)' : ': set <code>iterations</code> for a leak check that measures those'}.</sub>`,
    ],
  );
}

function leakSection(scenario: ScenarioComparison, top: number): string[] {
  const leak = scenario.leak;
  // Nothing to open when neither side leaks.
  if (!leak || (!leak.base && !leak.head && !scenario.leakSites?.length)) return [];
  const perCall = (value: number | null) => (value === null ? '—' : `${formatBytes(value)}/call`);
  const summary =
    `💧 Leak check of ${escapeCode(scenario.name)}: ${perCall(leak.head)} on head` +
    ` (base ${perCall(leak.base)})`;
  const sites = (scenario.leakSites ?? []).slice(0, top);
  if (sites.length === 0) return folded(summary, ['No site keeps growing after the first call.']);
  return folded(summary, [
    '| Leaking site | Source | Base per call | Head per call |',
    '| --- | --- | ---: | ---: |',
    ...sites.map(
      (site) =>
        `| ${escapeCode(siteLabel(site), 200)} | ${site.text ? escapeCode(site.text) : ''} | ${site.baseLine === null ? '—' : formatBytes(site.baseSize)} | ${site.line === null ? '—' : formatBytes(site.headSize)} |`,
    ),
  ]);
}

function tracebackSection(scenario: ScenarioComparison, top: number): string[] {
  const traced = scenario.sites.slice(0, top).filter((site) => site.tracebacks?.length);
  if (traced.length === 0) return [];
  const body = traced.flatMap((site) => {
    const [largest] = site.tracebacks!;
    // Project frames first: name the innermost frame in the project's own code.
    const own = [...largest.frames].reverse().find((frame) => isProjectFile(frame.file));
    const via =
      own && (own.file !== site.file || own.line !== (site.line ?? site.baseLine))
        ? ` via ${escapeCode(siteLabel({ ...own, baseLine: null }), 200)}`
        : '';
    return [
      `**${escapeCode(siteLabel(site), 200)}** ${formatBytesDelta(site.sizeDelta)}` +
        ` (${site.tracebackSide === 'base' ? 'base' : 'head'}, ${formatBytes(largest.size)} along this path)${via}`,
      '',
      escapeBlock(formatTraceback(largest), 60),
      '',
    ];
  });
  return folded(
    `🧵 Tracebacks of ${count(traced.length, 'changed site')} in ${escapeCode(scenario.name)}`,
    body,
  );
}

function objectTypesSection(scenario: ScenarioComparison, top: number): string[] {
  const types = scenario.objectTypes ?? [];
  if (types.length === 0) return [];
  const shown = types.slice(0, top * 2);
  const growth = (n: number | null) => (n === null ? '—' : formatCountDelta(n));
  return folded(
    `🧮 Objects by type in ${escapeCode(scenario.name)}: ${count(types.length, 'type')} changed`,
    [
      '| Type | Base growth | Head growth | Δ |',
      '| --- | ---: | ---: | ---: |',
      ...shown.map(
        (entry) =>
          `| ${escapeCode(entry.type)} | ${growth(entry.baseGrowth)} | ${growth(entry.headGrowth)} | ${formatCountDelta(entry.delta)} |`,
      ),
      ...(types.length > shown.length
        ? ['', `<sub>${count(types.length - shown.length, 'more type')} in the JSON report.</sub>`]
        : []),
    ],
  );
}

/**
 * A hooked run whose peak is within this share of the measured one, or these bytes, measured the
 * same peak: the hooks' own bookkeeping adds a little (frame objects, and a line table per
 * function they see, about its bytecode's size; python/tests/test_peak_sites.py).
 */
const PEAK_SITES_SLACK = 0.02;
const PEAK_SITES_SLACK_BYTES = 256 * 1024;

/** How far a hooked run's peak may lie from a measured one of `measured` bytes and be the same. */
export function hookedSlack(measured: number): number {
  return Math.max(PEAK_SITES_SLACK_BYTES, PEAK_SITES_SLACK * measured);
}

/**
 * A site that holds the same at both peaks is shown (to say what the peak is made of) only when
 * it holds at least this share of the larger peak: a small one (a standard-library module's
 * import) is no change, and beside the changes it reads as one.
 */
const PEAK_SAME_SHARE = 0.05;

/**
 * The sites at the peak worth showing: growths and shrinks (`top` each), then, with room left,
 * the largest held the same on both sides, from `least` bytes up.
 */
function shownPeakSites(sites: readonly SiteDelta[], top: number, least: number): SiteDelta[] {
  const grown = sites.filter((site) => site.sizeDelta > 0).slice(0, top);
  const shrunk = sites.filter((site) => site.sizeDelta < 0).slice(0, top);
  const room = Math.max(0, top - grown.length - shrunk.length);
  const same = sites
    .filter((site) => site.sizeDelta === 0 && site.headSize >= least)
    .sort((a, b) => b.headSize - a.headSize)
    .slice(0, room);
  return [...grown, ...shrunk, ...same];
}

/** Why a side has no sites at the peak though they were asked for: one short line per side. */
function peakMissedNotes(scenario: ScenarioComparison): string[] {
  const missed = scenario.peakSites?.missed ?? {};
  return (['base', 'head'] as const).flatMap((side) => {
    const why = missed[side];
    if (why === undefined) return [];
    return [
      `<sub>⛰️ No sites at the peak of ${escapeCode(scenario.name)} on ${side}: ${escapeText(why, 300)}</sub>`,
    ];
  });
}

function peakSection(scenario: ScenarioComparison, top: number): string[] {
  const peak = scenario.peakSites;
  const missed = peakMissedNotes(scenario);
  if (!peak || peak.sites.length === 0) return missed.flatMap((note) => ['', note]);
  const largest = Math.max(peak.base?.peakBytes ?? 0, peak.head?.peakBytes ?? 0);
  const least = PEAK_SAME_SHARE * largest;
  const shown = shownPeakSites(peak.sites, top, least);
  // The level each side's snapshot was taken at, in the hooked run whose peak it aimed at.
  const explained = (side: 'base' | 'head'): string => {
    const level = peak[side];
    if (!level) return '';
    return `${side} ${formatBytes(level.bytes)} of a ${formatBytes(level.peakBytes)} peak`;
  };
  // The hooked run is a run of its own, whose hooks add a little to its peak: where its peak is
  // not the one the table above reports, say so, and why.
  const near: string[] = [];
  const elsewhere = (['base', 'head'] as const).flatMap((side) => {
    const hooked = peak[side]?.peakBytes;
    const measured = scenario.peak[side];
    if (hooked === undefined || measured === null) return [];
    const gap = Math.abs(hooked - measured);
    if (formatBytes(hooked) === formatBytes(measured)) return [];
    if (gap <= hookedSlack(measured)) {
      near.push(`${side}'s ${formatBytes(hooked)} against ${formatBytes(measured)}`);
      return [];
    }
    return [
      `On ${side}, these sites come from a hooked run whose peak was ${formatBytes(hooked)}, ` +
        `not the ${formatBytes(measured)} measured, so they may not be what made the measured peak.`,
    ];
  });
  const nearly =
    near.length > 0
      ? [
          `\n<sub>The sites come from one more run, under hooks that see each line; their own ` +
            `bookkeeping (a line table per function they see) moves its peak a little from the ` +
            `table's: ${escapeText(near.join(', '))}.</sub>`,
        ]
      : [];
  // Peaks that share little came at different moments: say so before anyone reads a Δ.
  const apart = peak.apart
    ? [
        `\n<sub>⚠️ Base and head reached their peaks at different moments: of the smaller peak, ` +
          `only ${formatBytes(peak.apart.sharedBytes)} is held at the same sites on both sides. ` +
          `Each side's sites are those at its own peak, so a site's Δ here compares two moments, ` +
          `not what the site allocates (or the change moved that memory to other lines).</sub>`,
      ]
    : [];
  const small = peak.sites.filter((site) => site.sizeDelta === 0 && site.headSize < least).length;
  const more = peak.sites.length - shown.length;
  const sides = [explained('base'), explained('head')].filter(Boolean).join(', ');
  return folded(`⛰️ Sites at the peak of ${escapeCode(scenario.name)} (${escapeText(sides)})`, [
    '| Site | Source | Base at peak | Head at peak | Δ |',
    '| --- | --- | ---: | ---: | ---: |',
    ...shown.map(
      (site) =>
        `| ${escapeCode(siteLabel(site), 200)}${site.changedLine ? ' ✏️' : ''} | ${site.text ? escapeCode(site.text) : ''} | ${formatBytes(site.baseSize)} | ${formatBytes(site.headSize)} | ${formatBytesDelta(site.sizeDelta)} |`,
    ),
    ...(more > 0
      ? [
          '',
          `<sub>${count(more, 'more site')} at the peak in the JSON report` +
            (small > 0
              ? ` (${small} of them ${small === 1 ? 'holds' : 'hold'} the same ` +
                `at both peaks, under ${Math.round(PEAK_SAME_SHARE * 100)} % of it: ` +
                `no change).</sub>`
              : '.</sub>'),
        ]
      : []),
    ...apart,
    ...nearly,
    ...elsewhere.map((text) => `\n<sub>⚠️ ${escapeText(text)}</sub>`),
    ...missed.map((note) => `\n${note}`),
  ]);
}

/**
 * The folded sections of one scenario; `top` bounds every list (the comment shrinks it).
 * `repeats`: the repeats per side the report says ran.
 */
export function scenarioDetails(
  scenario: ScenarioComparison,
  top: number,
  repeats?: number,
): string[] {
  if (scenario.status === 'failed' || top <= 0) return [];
  return [
    ...noiseSection(scenario, top, repeats),
    ...growthSection(scenario, top),
    ...leakSection(scenario, top),
    ...tracebackSection(scenario, top),
    ...objectTypesSection(scenario, top),
    ...peakSection(scenario, top),
  ];
}
