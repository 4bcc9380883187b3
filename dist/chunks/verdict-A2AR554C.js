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
} from "./chunk-AG4ZHWQW.js";
import "./chunk-VKRW2TR5.js";
import "./chunk-YHTJ2NQ3.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-ZAFJCKPJ.js";
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
