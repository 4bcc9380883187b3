import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  CONFIG_NAMES,
  declarationOf
} from "./chunk-PTBJSTHP.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";

// src/config/settings-change.ts
function comparable(config, key) {
  if (key === "budgets") return JSON.stringify(config.budgets.rules);
  if (key === "scenarios") {
    return JSON.stringify(config.budgets.overrides.map(({ origin: _origin, ...rest }) => rest));
  }
  const name = CONFIG_NAMES.find((n) => declarationOf(n).key === key);
  return JSON.stringify(name === void 0 ? void 0 : config[name]);
}
function changedSettings(base, proposed) {
  return CONFIG_NAMES.map((name) => declarationOf(name).key).filter(
    (key) => comparable(base, key) !== comparable(proposed, key)
  );
}
function proposedSettings(base, proposed) {
  const changed = changedSettings(base, proposed);
  if (changed.length === 0) return void 0;
  return {
    ...proposed.configFile !== void 0 ? { configFile: proposed.configFile } : {},
    changed,
    budgets: proposed.budgets,
    ignore: proposed.ignore,
    failOn: proposed.failOn
  };
}
export {
  changedSettings,
  proposedSettings
};
