import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
} from "./chunk-HEVIIL4K.js";
import "./chunk-Q6IY3YTI.js";
import "./chunk-PIXDXO4H.js";
import "./chunk-DNR35HCX.js";
import "./chunk-AGAXQL6F.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
};
