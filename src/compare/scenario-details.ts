/**
 * What a scenario shows beyond its totals and retained sites: leaking sites,
 * object counts by type, and the sites at the peak, each matched base → head.
 */
import type { SnapshotScenario, SnapshotSite } from '../capture/snapshot.js';
import type { LineMap } from '../sides/line-map.js';
import type { ObjectTypeDelta, PeakSites, SiteDelta } from './comparison.js';
import { compareSites } from './sites.js';

/** Object types listed at most, largest change first. */
const MAX_OBJECT_TYPES = 200;
/** Peak sites kept at most of each kind: grown, shrunk, and held the same on both sides. */
const MAX_PEAK_SITES = 50;

function leakSitesOf(scenario: SnapshotScenario | undefined): SnapshotSite[] {
  return (scenario?.leak?.sites ?? []).map(
    ({ bytesPerCall, countPerCall, file, line, ...rest }) => ({
      ...rest,
      file,
      line,
      size: Math.round(bytesPerCall),
      count: Math.round(countPerCall),
    }),
  );
}

/** Leaking sites on either side, matched like retained sites; fastest leak on head first. */
export function leakSiteDeltas(
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
  lineMap: LineMap,
): SiteDelta[] | undefined {
  if (!base?.leak && !head?.leak) return undefined;
  return compareSites(leakSitesOf(base), leakSitesOf(head), lineMap, { keepUnchanged: true }).sort(
    (a, b) => b.headSize - a.headSize || b.baseSize - a.baseSize,
  );
}

function growthByType(scenario: SnapshotScenario | undefined): Map<string, number> | undefined {
  if (!scenario?.objectTypes) return undefined;
  return new Map(scenario.objectTypes.map((entry) => [entry.type, entry.after - entry.before]));
}

/** Types whose growth over the scenario differs between base and head (`bytearray +200`). */
export function objectTypeDeltas(
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
): ObjectTypeDelta[] | undefined {
  const baseGrowth = growthByType(base);
  const headGrowth = growthByType(head);
  if (!baseGrowth && !headGrowth) return undefined;
  const types = new Set([...(baseGrowth?.keys() ?? []), ...(headGrowth?.keys() ?? [])]);
  const deltas: ObjectTypeDelta[] = [];
  for (const type of types) {
    const b = baseGrowth ? (baseGrowth.get(type) ?? 0) : null;
    const h = headGrowth ? (headGrowth.get(type) ?? 0) : null;
    const delta = (h ?? 0) - (b ?? 0);
    if (delta !== 0) deltas.push({ type, baseGrowth: b, headGrowth: h, delta });
  }
  return deltas
    .sort(
      (a, b) =>
        Math.abs(b.delta) - Math.abs(a.delta) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
    )
    .slice(0, MAX_OBJECT_TYPES);
}

/**
 * Two peaks whose sites hold less than this share of the smaller one in common came at
 * different moments of the run (see `PeakSites.apart`).
 */
export const PEAK_SHARED_SHARE = 0.5;

/**
 * The sites at the peak on each side, matched through the line map: the largest growths, the
 * largest shrinks (a line whose memory at the peak fell or went, named by its base line) and
 * the largest unchanged sites, each up to MAX_PEAK_SITES; largest change first.
 */
export function peakSiteDeltas(
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
  lineMap: LineMap,
  missed: PeakSites['missed'] = {},
): PeakSites | undefined {
  const missedBy = {
    ...(base && !base.peak && missed.base !== undefined ? { base: missed.base } : {}),
    ...(head && !head.peak && missed.head !== undefined ? { head: missed.head } : {}),
  };
  const anyMissed = missedBy.base !== undefined || missedBy.head !== undefined;
  if (!base?.peak && !head?.peak && !anyMissed) return undefined;
  const sites = (scenario: SnapshotScenario | undefined): SnapshotSite[] =>
    (scenario?.peak?.sites ?? []).map(({ tracebacks: _tracebacks, ...site }) => site);
  const all = compareSites(sites(base), sites(head), lineMap, { keepUnchanged: true });
  const held = (site: SiteDelta) => Math.max(site.baseSize, site.headSize);
  const largest = (a: SiteDelta, b: SiteDelta) =>
    Math.abs(b.sizeDelta) - Math.abs(a.sizeDelta) || held(b) - held(a);
  const kept = (keep: (site: SiteDelta) => boolean) =>
    all.filter(keep).sort(largest).slice(0, MAX_PEAK_SITES);
  const peakSites: PeakSites = {
    sites: [
      ...kept((site) => site.sizeDelta > 0),
      ...kept((site) => site.sizeDelta < 0),
      ...kept((site) => site.sizeDelta === 0),
    ].sort(largest),
  };
  if (base?.peak) peakSites.base = { bytes: base.peak.bytes, peakBytes: base.peak.peakBytes };
  if (head?.peak) peakSites.head = { bytes: head.peak.bytes, peakBytes: head.peak.peakBytes };
  if (anyMissed) peakSites.missed = missedBy;
  if (base?.peak && head?.peak) {
    // What both peaks hold at the same sites, against the smaller of the two.
    let sharedBytes = 0;
    for (const site of all) sharedBytes += Math.max(0, Math.min(site.baseSize, site.headSize));
    const smaller = Math.min(base.peak.bytes, head.peak.bytes);
    if (smaller > 0 && sharedBytes < PEAK_SHARED_SHARE * smaller) peakSites.apart = { sharedBytes };
  }
  return peakSites;
}
