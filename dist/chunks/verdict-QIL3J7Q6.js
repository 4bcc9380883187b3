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
} from "./chunk-AL23LGGS.js";
import "./chunk-O7PTBBFO.js";
import "./chunk-PJ3PMK7A.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-5OGCWHWR.js";
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
