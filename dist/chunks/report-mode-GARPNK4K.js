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
} from "./chunk-YFC4A7UT.js";
import "./chunk-45INXA4H.js";
import "./chunk-L6ENWCP3.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-ZWVDKT25.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-3VJGA6IO.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-4243Q66V.js";
import "./chunk-U5UB3GUX.js";
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
