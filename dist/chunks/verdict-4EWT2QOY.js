import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  acceptanceText,
  budgetSubject,
  culpritLead,
  explainVerdict,
  grewUnchecked,
  interruptedText,
  notRunReason,
  verdictCulprit,
  verdictReason,
  warnCause
} from "./chunk-ZSYO253V.js";
import "./chunk-PIMZEEJA.js";
import "./chunk-VBW7ANZR.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RMB2RJAV.js";
import "./chunk-LIVUQ6E7.js";
export {
  acceptanceText,
  budgetSubject,
  culpritLead,
  explainVerdict,
  grewUnchecked,
  interruptedText,
  notRunReason,
  verdictCulprit,
  verdictReason,
  warnCause
};
