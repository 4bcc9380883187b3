import type { Comparison, SiteDelta } from '../compare/comparison.js';
import { globMatcher } from './globs.js';

export interface FilteredComparison {
  comparison: Comparison;
  /** How many changed sites were dropped, over all scenarios. */
  dropped: number;
}

function keepSites(comparison: Comparison, keep: (site: SiteDelta) => boolean): FilteredComparison {
  let dropped = 0;
  const scenarios = comparison.scenarios.map((scenario) => {
    const sites = scenario.sites.filter(keep);
    dropped += scenario.sites.length - sites.length;
    return { ...scenario, sites };
  });
  return { comparison: { ...comparison, scenarios }, dropped };
}

/**
 * Drops the sites whose file (head path, or base path for a renamed file) matches an `ignore`
 * glob. Applied before budgets: an ignored site is neither shown nor checked. Scenario totals
 * (peak, retained) are measured by the harness and keep every site.
 */
export function withoutIgnoredSites(
  comparison: Comparison,
  ignore: readonly string[],
): FilteredComparison {
  if (ignore.length === 0) return { comparison, dropped: 0 };
  const ignored = globMatcher(ignore);
  return keepSites(
    comparison,
    (site) => !ignored(site.file) && !(site.baseFile !== undefined && ignored(site.baseFile)),
  );
}

/**
 * Drops the sites whose size changed by less than `minimumChange` bytes. Applied after budgets,
 * for the report only: a budget never passes because a site was too small to show.
 */
export function withoutSmallSites(
  comparison: Comparison,
  minimumChange: number,
): FilteredComparison {
  if (minimumChange <= 0) return { comparison, dropped: 0 };
  return keepSites(comparison, (site) => Math.abs(site.sizeDelta) >= minimumChange);
}
