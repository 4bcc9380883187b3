import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ArtifactMismatchError,
  artifactMismatches,
  downloadArtifact,
  loadReportFromRun,
  pullRequestsOfRun,
  triggeringRun,
  trustedReport
} from "./chunk-FVHZBBZN.js";
import "./chunk-45INXA4H.js";
import "./chunk-L6ENWCP3.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-YP4TLBUW.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-YBF2V7KG.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-4243Q66V.js";
import "./chunk-ZAFJCKPJ.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  ArtifactMismatchError,
  artifactMismatches,
  downloadArtifact,
  loadReportFromRun,
  pullRequestsOfRun,
  triggeringRun,
  trustedReport
};
