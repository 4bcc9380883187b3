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
} from "./chunk-ZYIWFBTV.js";
import "./chunk-WHJMU45D.js";
import "./chunk-3AQJPQXB.js";
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
