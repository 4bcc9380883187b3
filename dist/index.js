import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  info,
  readActionMode,
  readActionSettings,
  readEventPlan,
  setFailed
} from "./chunks/chunk-NJY7DNGV.js";
import "./chunks/chunk-NGH54H7Z.js";
import "./chunks/chunk-CWJS6QML.js";
import "./chunks/chunk-3PPCT3KY.js";
import "./chunks/chunk-VWZHGZJ5.js";
import {
  errorMessage
} from "./chunks/chunk-AGAXQL6F.js";

// src/main.ts
async function run() {
  try {
    const mode = readActionMode();
    if (mode === "report") {
      const { postMeasuredReport } = await import("./chunks/action-modes-FMCPENLS.js");
      return await postMeasuredReport();
    }
    const plan = readEventPlan();
    if (plan.kind === "skip") {
      info(`allocdiff has nothing to do: ${plan.reason}`);
      return;
    }
    const { settings, publishing } = await readActionSettings(plan);
    const { measureAndPublish } = await import("./chunks/action-modes-FMCPENLS.js");
    await measureAndPublish(mode, settings, publishing);
  } catch (error) {
    setFailed(errorMessage(error));
  }
}

// src/index.ts
await run();
