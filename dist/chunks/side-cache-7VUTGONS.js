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
} from "./chunk-3GXEWFOE.js";
import "./chunk-7GECUTJI.js";
import "./chunk-4243Q66V.js";
import "./chunk-ZAFJCKPJ.js";
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
