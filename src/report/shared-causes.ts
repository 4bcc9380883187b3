/**
 * One cause shared by many changed scenarios, said once: a site that is the top changed site of
 * many of them (the first row of each one's sites table: the changed line that keeps grown
 * memory alive, else the largest growth). A per-call leak every test reaches makes hundreds of
 * tests "changed" by a few bytes each; the reports say "377 tests keep memory alive through
 * markdown/core.py:402" before any test's own sites, for the terminal and the comment alike.
 */
import type { ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { siteLocation } from '../compare/sites.js';
import { formatBytesDelta, groupDigits } from '../format/sizes.js';
import type { Words } from './lead.js';
import { culpritGroups } from './retention.js';

/** A site leads this many changed scenarios at least to be said once for them all. */
export const SHARED_CAUSE_MIN = 5;

/** Shared causes said, the most shared first; the others are left to each scenario's sites. */
export const SHARED_CAUSES_SHOWN = 3;

export interface SharedCause {
  /** The site (as the first scenario that has it among its sites lists it). */
  site: SiteDelta;
  /**
   * Whether it is the changed line that keeps grown memory alive (a retention path's culprit):
   * each scenario's figure is then what it keeps alive, its own objects among them.
   */
  keeps: boolean;
  /** The scenarios it leads, in the order given (worst first). */
  scenarios: ScenarioComparison[];
  /** The smallest and the largest figure among them. */
  least: number;
  most: number;
}

/**
 * A scenario's top changed site and its figure: the changed line that keeps the most of its
 * growth alive (`culpritGroups`) with what it keeps, else its largest growth; undefined when
 * nothing grew or it failed (a failed scenario's sites are what the failing call allocated).
 */
export function topSite(
  scenario: ScenarioComparison,
): { site: SiteDelta; bytes: number; keeps: boolean } | undefined {
  if (scenario.status === 'failed') return undefined;
  const [group] = culpritGroups(scenario);
  if (group) {
    const where = siteLocation(group.culprit);
    const own = scenario.sites.find((site) => site.line !== null && siteLocation(site) === where);
    const site: SiteDelta = own ?? {
      file: group.culprit.file,
      line: group.culprit.line,
      baseLine: null,
      sizeDelta: 0,
      countDelta: 0,
      baseSize: 0,
      headSize: 0,
      baseCount: 0,
      headCount: 0,
      changedLine: false,
      ...(group.culprit.function !== undefined ? { function: group.culprit.function } : {}),
      ...(group.culprit.text !== undefined ? { text: group.culprit.text } : {}),
    };
    return { site, bytes: Math.max(group.bytes, own?.sizeDelta ?? 0), keeps: true };
  }
  // Sites are largest change first: the first that grew.
  const grown = scenario.sites.find(
    (site) =>
      site.line !== null && (site.sizeDelta > 0 || (site.sizeDelta === 0 && site.countDelta > 0)),
  );
  return grown && { site: grown, bytes: grown.sizeDelta, keeps: false };
}

/**
 * The sites that are the top changed site of `min` or more of `listed` (the changed scenarios,
 * worst first), the most shared first (then in the order of their worst scenario); at most
 * `SHARED_CAUSES_SHOWN`.
 */
export function sharedCauses(
  listed: readonly ScenarioComparison[],
  min = SHARED_CAUSE_MIN,
): SharedCause[] {
  const causes = new Map<string, SharedCause>();
  for (const scenario of listed) {
    const top = topSite(scenario);
    if (!top) continue;
    const key = siteLocation(top.site);
    const cause = causes.get(key);
    if (!cause) {
      causes.set(key, {
        site: top.site,
        keeps: top.keeps,
        scenarios: [scenario],
        least: top.bytes,
        most: top.bytes,
      });
      continue;
    }
    cause.scenarios.push(scenario);
    cause.keeps ||= top.keeps;
    cause.least = Math.min(cause.least, top.bytes);
    cause.most = Math.max(cause.most, top.bytes);
  }
  return [...causes.values()]
    .filter((cause) => cause.scenarios.length >= min)
    .sort((a, b) => b.scenarios.length - a.scenarios.length)
    .slice(0, SHARED_CAUSES_SHOWN);
}

/** `tests`, `processes` or `scenarios`: what the scenarios are, when they are all one kind. */
function nounOf(scenarios: readonly ScenarioComparison[]): string {
  if (scenarios.every((s) => s.kind === 'test')) return 'tests';
  if (scenarios.every((s) => s.kind === 'process')) return 'processes';
  return 'scenarios';
}

/** `+56 B each`, `+56 B to +31.0 KiB each`. */
function rangeText(cause: SharedCause): string {
  return cause.least === cause.most
    ? `${formatBytesDelta(cause.least)} each`
    : `${formatBytesDelta(cause.least)} to ${formatBytesDelta(cause.most)} each`;
}

/**
 * The sentence for a shared cause, the site in `words` and `mark` after it when the change
 * touches its line: `377 of the 377 changed tests keep memory alive through
 * markdown/core.py:402 in Markdown.convert (`_CONVERSIONS.append((source, output))`): +110 B to
 * +31.0 KiB each, with what it keeps alive`. `changed` counts the changed scenarios (failed ones
 * left out).
 */
export function sharedCauseSentence(
  cause: SharedCause,
  changed: number,
  words: Words,
  mark: string,
): string {
  const { site } = cause;
  const noun = nounOf(cause.scenarios);
  const count = groupDigits(cause.scenarios.length);
  const of = `${count} of the ${groupDigits(Math.max(changed, cause.scenarios.length))} changed ${noun}`;
  const where =
    words.site(site) +
    (site.function ? ` in ${words.code(site.function)}` : '') +
    (site.text ? ` (${words.code(site.text)})` : '') +
    (site.changedLine ? mark : '');
  return cause.keeps
    ? `${of} keep memory alive through ${where}: ${rangeText(cause)}, with what it keeps alive`
    : `${of} grew most at ${where}: ${rangeText(cause)}`;
}
