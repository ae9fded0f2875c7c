import { defineConfig } from "gantry";
import { classifier, looper, triage } from "./agents/support-agents.ts";

// The example workspace `npm start` serves: a support desk whose triage agent routes tickets.
// It runs entirely on the embedded `sim` model; set OPENAI_API_KEY or ANTHROPIC_API_KEY and point
// the tiers at real models to run it for real.
export default defineConfig({
  name: "support-desk",
  // Releasing a prompt to production runs its checks (declared bump vs measured impact, consumer
  // contracts) and the prompt's eval suite (evals/triage-prompt.yaml) on the candidate version.
  prompts: {
    labels: { production: { protected: true, gates: ["prompts-check", "evals:triage-prompt"] } },
  },
  agents: [triage, classifier, looper],
  // Production scoring, off the request path: every classifier run is checked against the router's
  // contract, the score lands in its trace (gen_ai.evaluation.result) and a falling weekly mean alerts.
  evals: {
    online: [
      {
        name: "classifier-contract",
        filter: { agent: "classifier", status: "completed" },
        sampleRate: 1,
        scorers: [
          {
            type: "json-schema",
            name: "router-contract",
            schema: { type: "object", required: ["category", "confidence"] },
          },
        ],
      },
    ],
  },
  // Caps reserved before every model call: a runaway agent stops at the cap, not at the invoice.
  budgets: {
    limits: [
      { scope: "project", window: "day", limitUsd: 5 },
      { scope: "run", limitUsd: 0.05 },
    ],
  },
  models: {
    default: "sim:default",
    tiers: {
      small: ["sim:fast"],
      medium: ["sim:default"],
      large: ["sim:default"],
    },
    sim: {
      seed: 7,
      // The judge's rules come first: they match only the judge's system prompt (evals/judge-labels.yaml).
      scenarios: ["scenarios/judge.sim.yaml", "scenarios/triage.sim.yaml"],
      // A little realism for the demo: heavy-tailed latency around 300 ms with a 1.2 s p95.
      latency: { kind: "lognormal", medianMs: 300, p95Ms: 1200 },
    },
  },
});
