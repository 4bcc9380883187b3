import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ENTRY_FORMAT,
  SideCache,
  actionsCacheStore,
  cachedText,
  directoryStore,
  encodeSnapshot,
  peakScenarios
} from "./chunk-VQ4E5EES.js";
import "./chunk-IZH354MH.js";
import "./chunk-4243Q66V.js";
import "./chunk-HWX7DMEE.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  ENTRY_FORMAT,
  SideCache,
  actionsCacheStore,
  cachedText,
  directoryStore,
  encodeSnapshot,
  peakScenarios
};
