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
} from "./chunk-KCKG25P4.js";
import "./chunk-45INXA4H.js";
import "./chunk-L6ENWCP3.js";
import "./chunk-5JNAK6AG.js";
import "./chunk-TOA2XOIM.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-YBF2V7KG.js";
import "./chunk-JKNHIMPK.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-4243Q66V.js";
import "./chunk-RMB2RJAV.js";
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
