import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  acceptanceText,
  budgetSubject,
  culpritLead,
  explainVerdict,
  grewUnchecked,
  notRunReason,
  verdictCulprit,
  verdictReason,
  warnCause
} from "./chunk-SRBFE2DA.js";
import "./chunk-OY3Q2MOS.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-HWX7DMEE.js";
import "./chunk-LIVUQ6E7.js";
export {
  acceptanceText,
  budgetSubject,
  culpritLead,
  explainVerdict,
  grewUnchecked,
  notRunReason,
  verdictCulprit,
  verdictReason,
  warnCause
};
