import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  acceptanceText,
  budgetSubject,
  explainVerdict,
  grewUnchecked,
  notRunReason,
  verdictReason,
  warnCause
} from "./chunk-4PWOWIY5.js";
import "./chunk-PURBOXCV.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-U5UB3GUX.js";
import "./chunk-LIVUQ6E7.js";
export {
  acceptanceText,
  budgetSubject,
  explainVerdict,
  grewUnchecked,
  notRunReason,
  verdictReason,
  warnCause
};
