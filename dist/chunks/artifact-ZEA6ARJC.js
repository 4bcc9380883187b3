import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
} from "./chunk-A757Y7AR.js";
import "./chunk-Q6IY3YTI.js";
import "./chunk-BZHPJ7SG.js";
import "./chunk-VWZHGZJ5.js";
import "./chunk-AGAXQL6F.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
};
