import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
} from "./chunk-JHVINXLS.js";
import "./chunk-TV7HWJ2H.js";
import "./chunk-PIXDXO4H.js";
import "./chunk-AGAXQL6F.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
};
