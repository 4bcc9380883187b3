import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  runAllocdiff
} from "./chunk-BXF42K5D.js";
import "./chunk-FV7PSTGJ.js";
import "./chunk-FR47ESS4.js";
import "./chunk-O5ER7ONF.js";
import "./chunk-4PWOWIY5.js";
import "./chunk-L5JBWC3J.js";
import "./chunk-OG5AJFQK.js";
import "./chunk-U37QUC6D.js";
import "./chunk-PURBOXCV.js";
import "./chunk-3CVV5V4O.js";
import "./chunk-SMKFWSBC.js";
import "./chunk-46ZMQ7S7.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-5JXOXQC2.js";
import "./chunk-C7ZB2KCA.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-3VJGA6IO.js";
import "./chunk-HVB4MM6J.js";
import "./chunk-GIBJXR6H.js";
import "./chunk-RN36H25A.js";
import "./chunk-Q4XVQKLM.js";
import "./chunk-PBNAPZH5.js";
import "./chunk-4243Q66V.js";
import "./chunk-U5UB3GUX.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
export {
  runAllocdiff
};
