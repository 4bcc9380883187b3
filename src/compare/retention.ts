/**
 * Why memory is still allocated: which sites get retention paths (`retentionTargets`, from a
 * first pass), and what head's paths say once compared (`retentionFindings`): the containers
 * that keep the grown sites' objects alive, grouped by holder, and the line of the change that
 * filled each one (its culprit).
 */
import { LRU_CACHE } from '../capture/snapshot.js';
import type {
  RetentionPath,
  RetentionRootKind,
  RetentionStep,
  SnapshotLocation,
  SnapshotScenario,
} from '../capture/snapshot.js';
import type { LineMap } from '../sides/line-map.js';
import type { SiteDelta } from './comparison.js';
import { siteLocation } from './sites.js';

/**
 * The head sites (`path:line`) whose objects the deep pass on head looks for retention paths
 * of: in each scenario whose retained memory grew, its `most` largest grown sites.
 */
export function retentionTargets(scenarios: readonly GrownScenario[], most: number): string[] {
  if (most <= 0) return [];
  const wanted = new Set<string>();
  for (const scenario of scenarios) {
    for (const site of grownSites(scenario, most)) wanted.add(siteLocation(site));
  }
  return [...wanted].sort();
}

/**
 * The scenarios that look for the retention paths of `retentionTargets`: those whose retained
 * memory grew, with a grown site. A backend that measures scenarios apart (a command's pytest
 * tests and processes) walks in these only.
 */
export function retentionScenarios(
  scenarios: readonly (GrownScenario & { name: string })[],
  most: number,
): string[] {
  if (most <= 0) return [];
  return scenarios
    .filter((scenario) => grownSites(scenario, most).length > 0)
    .map((scenario) => scenario.name)
    .sort();
}

/** What `retentionTargets` reads of a compared scenario. */
interface GrownScenario {
  status: string;
  retained: { delta: number | null };
  sites: readonly SiteDelta[];
}

/** A scenario's `most` largest grown sites, when its retained memory grew; else none. */
function grownSites(scenario: GrownScenario, most: number): SiteDelta[] {
  if (scenario.status !== 'ok' || (scenario.retained.delta ?? 0) <= 0) return [];
  return scenario.sites
    .filter((site) => site.line !== null && site.sizeDelta > 0)
    .sort((a, b) => b.sizeDelta - a.sizeDelta || a.file.localeCompare(b.file))
    .slice(0, most);
}

/** A changed line that filled a holder: where its reference to the objects was made. */
export interface RetentionCulprit extends SnapshotLocation {
  /**
   * How it is known: `stored` (an object on the path was allocated on it and the line spells
   * the holder's name: the tuple `self.history.append((key, value))` stored; or the holder's
   * container itself), `named` (a line that grew and spells the holder's name, as
   * `_evicted.append(item)` does), `grown` (the site itself, whose bytes are the holder's item
   * storage: the line grew the container), or `made` (only an object the holder keeps was
   * allocated on it, `item = (key, value)`: no changed line that stores into the holder was
   * found, so the line that filled it may be one the change did not touch).
   */
  evidence: 'stored' | 'named' | 'grown' | 'made';
  /** The object's type, for `stored` and `made`. */
  type?: string;
}

/** The objects of one grown site that one holder keeps alive (a group of retention paths). */
export interface RetentionFinding {
  /** The grown site whose objects these are (head). */
  site: SnapshotLocation;
  kind: RetentionRootKind;
  /** See `RetentionPath`: the root, the holder (`app.cache.LRU.history`), its type and name. */
  root: string;
  holder: string;
  holderType: string;
  name: string;
  /** The chain from the root to one of the objects: `catalog.cache.history[…][1]`. */
  path: string;
  /** The site's retained bytes and blocks shared out by the samples on this holder. */
  bytes: number;
  count: number;
  /** Objects sampled on this path, of the site's samples. */
  sampled: number;
  sampledOf: number;
  /** Live objects allocated at the site, found. */
  objects: number;
  /**
   * The site allocated no object: its bytes are the item storage of containers (see the
   * snapshot's `storage`). `found`: the holder is such a container, `items` its items; `held`:
   * such containers are held by the holder (`holderType` theirs); `none` or `several` (kind `not
   * found`): no container, or no single one, could be named; `untraced` (kind `not found`): its
   * objects may be instances this Python traces no line for (`holderType` their type, `items`
   * how many).
   */
  storage?: 'found' | 'none' | 'several' | 'held' | 'untraced';
  items?: number;
  /** The changed line that filled the holder, when one did. */
  culprit?: RetentionCulprit;
  /** `unreachable`: the types of what refers to the objects, most first. */
  cycle?: { type: string; objects: number }[];
  /**
   * Objects on the path the scenario allocated, root first; for `unreachable`, the members of
   * the cycle that refers to the objects, nearest first.
   */
  via: RetentionStep[];
}

/** Findings kept per scenario at most, largest first. */
const MAX_FINDINGS = 20;

/**
 * Head's retention paths of a scenario, as findings, largest first, with the changed line that
 * filled each holder. `sites` are the scenario's compared sites (which lines changed, which grew).
 */
export function retentionFindings(
  head: SnapshotScenario | undefined,
  sites: readonly SiteDelta[],
  lineMap: LineMap,
): RetentionFinding[] | undefined {
  const retention = head?.retention;
  if (!retention || retention.sites.length === 0) return undefined;
  const changed = (location: SnapshotLocation) =>
    lineMap.isChangedOnHead(location.file, location.line);
  const findings: RetentionFinding[] = [];
  for (const site of retention.sites) {
    for (const path of site.paths) {
      const culprit =
        (site.storage === 'found' || site.storage === 'held') && changed(site)
          ? { ...locationOf(site), evidence: 'grown' as const, type: path.holderType }
          : culpritOf(path, site, sites, changed);
      findings.push({
        site: locationOf(site),
        kind: path.kind,
        root: path.root,
        holder: path.holder,
        holderType: path.holderType,
        name: path.name,
        path: path.path,
        bytes: path.bytes,
        count: path.count,
        sampled: path.sampled,
        sampledOf: site.sampled,
        objects: site.objects,
        ...(site.storage ? { storage: site.storage } : {}),
        ...(path.items !== undefined ? { items: path.items } : {}),
        ...(culprit ? { culprit } : {}),
        ...(path.cycle ? { cycle: path.cycle } : {}),
        via: path.via.map(locationWithType),
      });
    }
  }
  findings.sort(
    (a, b) =>
      b.bytes - a.bytes ||
      a.holder.localeCompare(b.holder) ||
      a.site.file.localeCompare(b.site.file) ||
      a.site.line - b.site.line,
  );
  return findings.slice(0, MAX_FINDINGS);
}

function locationOf(location: SnapshotLocation): SnapshotLocation {
  return {
    file: location.file,
    line: location.line,
    ...(location.text !== undefined ? { text: location.text } : {}),
    ...(location.function !== undefined ? { function: location.function } : {}),
  };
}

function locationWithType(step: RetentionStep): RetentionStep {
  return { ...locationOf(step), type: step.type };
}

/**
 * Whether the objects found are a module's global (a class's attribute) themselves, the holder
 * their module (class): `sortedcontainers.sortedlist._ADDED` held by `sortedcontainers.sortedlist`.
 */
export function isOwnGlobal(path: { kind: string; holder: string; name: string; path: string }) {
  return (
    (path.kind === 'module global' || path.kind === 'class attribute') &&
    path.name !== '' &&
    path.path === `${path.holder}.${path.name}`
  );
}

/** Whether `text` spells `name` as a whole identifier (`self.history.append(…)` for `history`). */
function spells(text: string | undefined, name: string): boolean {
  if (!text || !name || !/^[A-Za-z_]\w*$/.test(name)) return false;
  return new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(text);
}

/**
 * The changed line that filled the holder of `path` (for an unreachable cycle: that made one of
 * its members, or the objects it holds). The line that stores into the holder comes first, as it
 * is the one to fix: in order, an object stored into the holder allocated on a changed line that
 * spells the holder's name (the tuple of `self.history.append((key, value))`: an object on the
 * path between the holder's container and the site's objects, nearest the objects first); else
 * the changed line that grew most among those that spell the holder's name
 * (`_evicted.append(item)`); else a changed line that only allocated an object stored into the
 * holder (`item = (key, value)`, evidence `made`); else the holder's container, made on a
 * changed line (`self.history = []`).
 */
function culpritOf(
  path: RetentionPath,
  site: SnapshotLocation,
  sites: readonly SiteDelta[],
  changed: (location: SnapshotLocation) => boolean,
): RetentionCulprit | undefined {
  if (path.kind === 'not found') return undefined;
  if (path.kind === 'unreachable') {
    // `via`: where the cycle's members were made, nearest the objects first; else the objects'
    // own line (CPython before 3.12 has no allocation traceback for an instance with inline
    // attributes, which most cycles are made of).
    const made = path.via.find((step) => changed(step));
    if (made) return { ...locationOf(made), evidence: 'stored', type: made.type };
    return changed(site)
      ? { ...locationOf(site), evidence: 'stored', type: path.holderType }
      : undefined;
  }
  // The object is the module's global (the class's attribute) itself: the line that made it
  // bound it there, and no line fills a module with it.
  if (isOwnGlobal(path))
    return changed(site) ? { ...locationOf(site), evidence: 'stored' } : undefined;
  const holderAt = path.via.findIndex((step) => step.type === path.holderType);
  const container = holderAt >= 0 ? path.via[holderAt] : undefined;
  const made = path.via
    .slice(holderAt + 1)
    .reverse()
    .filter((step) => changed(step));
  const stored = made.find((step) => spells(step.text, path.name));
  if (stored) return { ...locationOf(stored), evidence: 'stored', type: stored.type };
  const named = sites
    .filter(
      (delta) =>
        delta.changedLine &&
        delta.line !== null &&
        delta.sizeDelta > 0 &&
        spells(delta.text, path.name),
    )
    .sort((a, b) => b.sizeDelta - a.sizeDelta || a.file.localeCompare(b.file))[0];
  if (named) return { ...locationOf({ ...named, line: named.line! }), evidence: 'named' };
  // The cache of an lru_cache function on the path, made on a changed line (its decorator): C
  // code fills it on each new call, so the line that made it is the one that stores into it.
  const cache = path.via.find((step) => step.type === LRU_CACHE && changed(step));
  if (cache) return { ...locationOf(cache), evidence: 'stored', type: LRU_CACHE };
  if (made[0]) return { ...locationOf(made[0]), evidence: 'made', type: made[0].type };
  if (container && changed(container))
    return { ...locationOf(container), evidence: 'stored', type: container.type };
  return undefined;
}
