import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  runAllocdiff
} from "./chunk-NFR35MEQ.js";
import "./chunk-TXHLETNF.js";
import "./chunk-6GYYGLEF.js";
import "./chunk-EAA3CYDP.js";
import "./chunk-V6LR3WVE.js";
import "./chunk-42N5WW4X.js";
import "./chunk-U37QUC6D.js";
import "./chunk-M72JVV75.js";
import "./chunk-3CVV5V4O.js";
import "./chunk-MXOWHEWI.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-C7ZB2KCA.js";
import "./chunk-UC3BDMNE.js";
import "./chunk-3VJGA6IO.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-KRDBG536.js";
import "./chunk-TQ4SM7MO.js";
import "./chunk-4243Q66V.js";
import "./chunk-RJTYAB2Y.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  runAllocdiff
};
