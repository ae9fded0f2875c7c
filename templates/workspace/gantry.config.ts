import { defineConfig } from "gantry";
import { triage } from "./agents/triage.ts";

// The workspace's configuration. Every field is checked at load: a misspelt or mistyped field stops
// `gantry up` with the file, the field path and what is expected.
export default defineConfig({
  name: "__WORKSPACE_NAME__",
  agents: [triage],
  // Spending caps, reserved before every model call (integer micro-USD underneath).
  budgets: { limits: [{ scope: "project", window: "day", limitUsd: 5 }] },
  models: {
    // Without provider keys everything runs on the embedded `sim` model, deterministically.
    default: "sim:default",
    tiers: {
      small: ["sim:fast"],
      medium: ["sim:default"],
      large: ["sim:default"],
    },
    sim: {
      seed: 42,
      scenarios: ["scenarios/triage.sim.yaml"],
    },
  },
  server: { port: 4680, host: "127.0.0.1" },
});
