import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
} from "./chunk-ODYRQJ6P.js";
import "./chunk-TV7HWJ2H.js";
import "./chunk-7MMMXCLD.js";
import "./chunk-LIVUQ6E7.js";
export {
  ARTIFACT_FILES,
  artifactName,
  readArtifact,
  writeArtifact
};
