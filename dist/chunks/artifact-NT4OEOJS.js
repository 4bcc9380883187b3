import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
} from "./chunk-SIXA5YSU.js";
import "./chunk-YDDCH455.js";
import "./chunk-BZHPJ7SG.js";
import "./chunk-B272OHU5.js";
import "./chunk-RN36H25A.js";
import "./chunk-AGAXQL6F.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
};
