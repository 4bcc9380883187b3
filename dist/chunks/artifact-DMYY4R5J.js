import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
} from "./chunk-OPBJAZ3U.js";
import "./chunk-Q6IY3YTI.js";
import "./chunk-IS2YXH3M.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
};
