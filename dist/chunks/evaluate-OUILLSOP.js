import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  FAIL_ON_VALUES,
  checkBudgets,
  evaluateBudgets,
  failsRun,
  headSitesOf,
  uncheckedWarnings
} from "./chunk-GJ6L4QLD.js";
import "./chunk-JMATLFJW.js";
import {
  decideVerdict
} from "./chunk-5JNAK6AG.js";
import "./chunk-I74BVKXL.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-RMB2RJAV.js";
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
