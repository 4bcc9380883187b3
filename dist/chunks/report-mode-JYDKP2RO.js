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
} from "./chunk-MT56YUQC.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-PISQWRHZ.js";
import "./chunk-UC3BDMNE.js";
import "./chunk-3VJGA6IO.js";
import "./chunk-53YQGEQT.js";
import "./chunk-RN36H25A.js";
import "./chunk-HO75OTWT.js";
import "./chunk-RHQTF5RV.js";
import "./chunk-45INXA4H.js";
import "./chunk-L6ENWCP3.js";
import "./chunk-4243Q66V.js";
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
