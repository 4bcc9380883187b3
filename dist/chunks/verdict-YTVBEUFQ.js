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
} from "./chunk-WFE6NL2Z.js";
import "./chunk-3OPC3P57.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-HQYO42VZ.js";
import "./chunk-EIY6L42B.js";
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
