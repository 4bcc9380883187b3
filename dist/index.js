import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  info,
  readActionMode,
  readActionSettings,
  readEventPlan,
  setFailed
} from "./chunks/chunk-5L5RLXYE.js";
import "./chunks/chunk-R7UPAMFQ.js";
import "./chunks/chunk-ZUQUOGUE.js";
import "./chunks/chunk-QKRS7SCJ.js";
import {
  errorMessage
} from "./chunks/chunk-XA3YYY7N.js";
import "./chunks/chunk-LIVUQ6E7.js";

// src/main.ts
async function run() {
  try {
    const mode = readActionMode();
    if (mode === "report") {
      const { postMeasuredReport } = await import("./chunks/action-modes-WVDWN4Q5.js");
      return await postMeasuredReport();
    }
    const plan = readEventPlan();
    if (plan.kind === "skip") {
      info(`allocdiff has nothing to do: ${plan.reason}`);
      return;
    }
    const { settings, publishing } = await readActionSettings(plan);
    const { measureAndPublish } = await import("./chunks/action-modes-WVDWN4Q5.js");
    await measureAndPublish(mode, settings, publishing);
  } catch (error) {
    setFailed(errorMessage(error));
  }
}

// src/index.ts
await run();
