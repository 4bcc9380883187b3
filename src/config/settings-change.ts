/**
 * A pull request is judged by the settings of its base commit; the settings it proposes (its
 * own config file) apply once it is merged. This says which of them it changes.
 */
import type { FailOn } from '../budgets/evaluate.js';
import type { BudgetPolicy } from '../budgets/rules.js';
import { CONFIG_NAMES, declarationOf } from './declarations.js';
import type { Config } from './load-config.js';

/** What a pull request's own config file would decide: shown, not applied. */
export interface ProposedSettings {
  /** The pull request's config file, as messages name it (none: it removes the file). */
  configFile?: string;
  /** The config-file keys whose value the pull request changes, in the table's order. */
  changed: string[];
  /** What judges a comparison under the proposed settings. */
  budgets: BudgetPolicy;
  ignore: string[];
  failOn: FailOn;
}

/** A setting's value as compared: where a budget override was written does not count. */
function comparable(config: Config, key: string): string {
  if (key === 'budgets') return JSON.stringify(config.budgets.rules);
  if (key === 'scenarios') {
    return JSON.stringify(config.budgets.overrides.map(({ origin: _origin, ...rest }) => rest));
  }
  const name = CONFIG_NAMES.find((n) => declarationOf(n).key === key);
  return JSON.stringify(name === undefined ? undefined : (config as Record<string, unknown>)[name]);
}

/** The config-file keys whose merged value differs between the two configurations. */
export function changedSettings(base: Config, proposed: Config): string[] {
  return CONFIG_NAMES.map((name) => declarationOf(name).key!).filter(
    (key) => comparable(base, key) !== comparable(proposed, key),
  );
}

/** The proposed settings of a pull request, when it changes any. */
export function proposedSettings(base: Config, proposed: Config): ProposedSettings | undefined {
  const changed = changedSettings(base, proposed);
  if (changed.length === 0) return undefined;
  return {
    ...(proposed.configFile !== undefined ? { configFile: proposed.configFile } : {}),
    changed,
    budgets: proposed.budgets,
    ignore: proposed.ignore,
    failOn: proposed.failOn,
  };
}
