import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  info,
  readActionMode,
  readActionSettings,
  readEventPlan,
  setFailed
} from "./chunks/chunk-GOMF2MSL.js";
import "./chunks/chunk-U32LIEXN.js";
import "./chunks/chunk-SSZZH6AW.js";
import "./chunks/chunk-Z7OENXUW.js";
import "./chunks/chunk-G2XMCG2R.js";
import "./chunks/chunk-V4WAE4CB.js";
import "./chunks/chunk-RN36H25A.js";
import {
  errorMessage
} from "./chunks/chunk-AGAXQL6F.js";

// src/main.ts
async function run() {
  try {
    const mode = readActionMode();
    if (mode === "report") {
      const { postMeasuredReport } = await import("./chunks/action-modes-FLDU4OOU.js");
      return await postMeasuredReport();
    }
    const plan = readEventPlan();
    if (plan.kind === "skip") {
      info(`allocdiff has nothing to do: ${plan.reason}`);
      return;
    }
    const { settings, publishing } = await readActionSettings(plan);
    const { measureAndPublish } = await import("./chunks/action-modes-FLDU4OOU.js");
    await measureAndPublish(mode, settings, publishing);
  } catch (error) {
    setFailed(errorMessage(error));
  }
}

// src/index.ts
await run();
