import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  FAIL_ON_VALUES,
  checkBudgets,
  evaluateBudgets,
  failsRun,
  uncheckedWarnings
} from "./chunk-SMKFWSBC.js";
import {
  decideVerdict
} from "./chunk-46ZMQ7S7.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  FAIL_ON_VALUES,
  checkBudgets,
  decideVerdict,
  evaluateBudgets,
  failsRun,
  uncheckedWarnings
};
