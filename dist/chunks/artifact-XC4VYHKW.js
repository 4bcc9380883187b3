import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  shardOfArtifact,
  writeArtifact
} from "./chunk-PISQWRHZ.js";
import "./chunk-UC3BDMNE.js";
import "./chunk-3VJGA6IO.js";
import "./chunk-53YQGEQT.js";
import "./chunk-RN36H25A.js";
import "./chunk-HO75OTWT.js";
import "./chunk-RHQTF5RV.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  shardOfArtifact,
  writeArtifact
};
