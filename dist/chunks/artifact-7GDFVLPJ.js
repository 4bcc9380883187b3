import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  shardOfArtifact,
  writeArtifact
} from "./chunk-ZWVDKT25.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-3VJGA6IO.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-U5UB3GUX.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  shardOfArtifact,
  writeArtifact
};
