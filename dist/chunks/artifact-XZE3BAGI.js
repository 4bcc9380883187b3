import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  shardOfArtifact,
  writeArtifact
} from "./chunk-K5KU6C3K.js";
import "./chunk-UC3BDMNE.js";
import "./chunk-3VJGA6IO.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-RJTYAB2Y.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  shardOfArtifact,
  writeArtifact
};
