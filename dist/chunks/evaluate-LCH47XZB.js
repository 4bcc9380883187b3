import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  FAIL_ON_VALUES,
  checkBudgets,
  evaluateBudgets,
  failsRun,
  headSitesOf,
  uncheckedWarnings
} from "./chunk-K4GS2N3C.js";
import "./chunk-YHTJ2NQ3.js";
import {
  decideVerdict
} from "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-ZAFJCKPJ.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  FAIL_ON_VALUES,
  checkBudgets,
  decideVerdict,
  evaluateBudgets,
  failsRun,
  headSitesOf,
  uncheckedWarnings
};
