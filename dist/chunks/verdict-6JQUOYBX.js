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
} from "./chunk-Q2LZ7SOB.js";
import "./chunk-JZLTMQGM.js";
import "./chunk-JMATLFJW.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-I74BVKXL.js";
import "./chunk-GIBJXR6H.js";
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
