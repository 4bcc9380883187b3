import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  shardOfArtifact,
  writeArtifact
} from "./chunk-J7JLQNAX.js";
import "./chunk-UC3BDMNE.js";
import "./chunk-3VJGA6IO.js";
import "./chunk-53YQGEQT.js";
import "./chunk-RN36H25A.js";
import "./chunk-6HY4UWBF.js";
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
