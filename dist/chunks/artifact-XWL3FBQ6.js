import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
} from "./chunk-ITJDP5HH.js";
import "./chunk-YDDCH455.js";
import "./chunk-BZHPJ7SG.js";
import "./chunk-V4WAE4CB.js";
import "./chunk-RN36H25A.js";
import "./chunk-AGAXQL6F.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
};
