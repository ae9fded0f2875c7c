import { z } from "zod";

// How a workspace's evals run by default and which production traffic is scored online. The evals
// module validates scorer specs itself (they are the same specs as in `evals/*.yaml`); this is only
// the shape around them.

export const judgeSettingsSchema = z.strictObject({
  /** `provider:model` or `tier:<name>`; default: a configured model of another family than the target's. */
  model: z.string().min(1).optional(),
});

export const onlineRuleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a kebab-case rule name"),
  /** Which production runs the rule scores; every given field must match. */
  filter: z
    .strictObject({
      agent: z.string().min(1).optional(),
      environment: z.string().min(1).optional(),
      status: z.enum(["completed", "failed"]).optional(),
    })
    .prefault({}),
  /** Share of matching runs scored, decided by a hash of the trace id (the same trace always decides the same). */
  sampleRate: z.number().min(0).max(1),
  /** Scorer specs, as in an eval suite (`{ type: llm-rubric, … }`, `{ type: is-json }`…). */
  scorers: z.array(z.record(z.string(), z.unknown())).min(1),
  /** The most this rule's judges may spend per UTC day; judging stops (fails closed) at the cap. */
  judgeBudgetUsd: z.number().positive().default(1),
});

export const evalsSchema = z.strictObject({
  judge: judgeSettingsSchema.prefault({}),
  /** Production scoring rules, run by `gantry up` off the request path. */
  online: z.array(onlineRuleSchema).default([]),
  /** How often `gantry up` scores new runs; 0 turns online scoring off. */
  onlineIntervalSeconds: z.number().nonnegative().default(30),
  /** A rule's rolling 7-day mean this far below the 7 days before it raises an alert. */
  alertDrop: z.number().min(0).max(1).default(0.05),
});

export type EvalsConfig = z.output<typeof evalsSchema>;
export type OnlineRuleConfig = z.output<typeof onlineRuleSchema>;
