import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-MNDPUIJW.js";
import "./chunk-S3QQQIAC.js";
import "./chunk-SSZZH6AW.js";
import "./chunk-4KWFYEUO.js";
import "./chunk-DREFSQFF.js";
import "./chunk-Z7OENXUW.js";
import "./chunk-G2XMCG2R.js";
import "./chunk-BZHPJ7SG.js";
import "./chunk-L53QX5DX.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-SJ7STI2E.js";
import "./chunk-V4WAE4CB.js";
import "./chunk-RN36H25A.js";
import "./chunk-AGAXQL6F.js";
export {
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
