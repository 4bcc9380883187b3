/**
 * The traceback pass's two pure halves: which sites to trace (the top changed sites of each
 * scenario, named per side as the first pass named them) and putting the tracebacks the traced
 * run found onto those sites.
 */
import type { Snapshot, SiteTraceback } from '../capture/snapshot.js';
import type { Comparison, SiteDelta } from './comparison.js';
import { siteLocation } from './sites.js';

/** Changed sites traced per scenario: the ones the comment lists first. */
export const TRACED_SITES_PER_SCENARIO = 10;

export interface TracebackTargets {
  /** `path:line` as each side's snapshot names the site. */
  base: string[];
  head: string[];
}

function baseName(site: SiteDelta): string | undefined {
  return site.baseLine === null ? undefined : `${site.baseFile ?? site.file}:${site.baseLine}`;
}

function headName(site: SiteDelta): string | undefined {
  return site.line === null || site.silent ? undefined : siteLocation(site);
}

/** The sites to trace: per scenario the top changed ones; head's, or base's where head has none. */
export function tracebackTargets(
  comparison: Comparison,
  perScenario = TRACED_SITES_PER_SCENARIO,
): TracebackTargets {
  const base = new Set<string>();
  const head = new Set<string>();
  for (const scenario of comparison.scenarios) {
    if (scenario.status === 'failed') continue;
    for (const site of scenario.sites.slice(0, perScenario)) {
      const onHead = headName(site);
      if (onHead) head.add(onHead);
      else {
        const onBase = baseName(site);
        if (onBase) base.add(onBase);
      }
    }
  }
  return { base: [...base].sort(), head: [...head].sort() };
}

function tracebacksByScenario(
  snapshot: Snapshot | undefined,
): Map<string, Map<string, SiteTraceback[]>> {
  const byScenario = new Map<string, Map<string, SiteTraceback[]>>();
  for (const scenario of snapshot?.scenarios ?? []) {
    const bySite = new Map<string, SiteTraceback[]>();
    for (const site of scenario.sites) {
      if (site.tracebacks?.length) bySite.set(siteLocation(site), site.tracebacks);
    }
    byScenario.set(scenario.name, bySite);
  }
  return byScenario;
}

/** Puts the traced runs' tracebacks on the sites they belong to (in place). */
export function attachTracebacks(
  comparison: Comparison,
  traced: { base?: Snapshot; head?: Snapshot },
): void {
  const base = tracebacksByScenario(traced.base);
  const head = tracebacksByScenario(traced.head);
  for (const scenario of comparison.scenarios) {
    for (const site of scenario.sites) {
      const onHead = headName(site);
      const onBase = baseName(site);
      const fromHead = onHead ? head.get(scenario.name)?.get(onHead) : undefined;
      const fromBase = !onHead && onBase ? base.get(scenario.name)?.get(onBase) : undefined;
      if (fromHead) {
        site.tracebacks = fromHead;
        site.tracebackSide = 'head';
      } else if (fromBase) {
        site.tracebacks = fromBase;
        site.tracebackSide = 'base';
      }
    }
  }
}
