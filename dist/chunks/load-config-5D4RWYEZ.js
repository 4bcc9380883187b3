import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  CONFIG_DEFAULTS,
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
} from "./chunk-LVDJQBMJ.js";
import "./chunk-URD37MCX.js";
import "./chunk-6A4WJZKA.js";
import "./chunk-TO6ZUV73.js";
import "./chunk-7MMMXCLD.js";
import "./chunk-LIVUQ6E7.js";
export {
  CONFIG_DEFAULTS,
  loadConfig,
  mergeConfig,
  validateConfigDocument,
  validateInputs
};
