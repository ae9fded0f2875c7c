import * as z from "zod/mini";
import { createResponseParser } from "./response-parser.js";

// The shapes of the prompt registry's API (src/server/routes/prompts-routes.ts, prompt-json.ts; the
// registry's PromptVersionInfo and PromptDiff; the store's labels, label events and alerts) as they
// arrive. Extra fields are tolerated so a newer server does not break an older dashboard.

export const promptListPath = "/api/v1/prompts";

/** A prompt in the list: newest version, where its labels point, and its open drift alerts. */
export const promptSummarySchema = z.object({
  promptId: z.string(),
  latestVersion: z.string(),
  latestHash: z.string(),
  description: z.nullable(z.string()),
  versions: z.number(),
  labels: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});

const promptListItemSchema = z.extend(promptSummarySchema, { openDriftAlerts: z.number() });

const promptListSchema = z.object({ prompts: z.array(promptListItemSchema) });

/** One pushed version: its source, parsed front matter and provenance. */
export const promptVersionSchema = z.object({
  id: z.string(),
  version: z.string(),
  hash: z.string(),
  source: z.string(),
  frontMatter: z.object({ description: z.optional(z.string()) }),
  template: z.string(),
  message: z.nullable(z.string()),
  author: z.nullable(z.string()),
  createdAt: z.string(),
});

export const promptLabelSchema = z.object({
  label: z.string(),
  version: z.string(),
  hash: z.string(),
  updatedAt: z.string(),
  updatedBy: z.nullable(z.string()),
});

const gateResultSchema = z.object({ gate: z.string(), passed: z.boolean(), summary: z.string() });

/** One move of a label; `details.gates` holds the gates' verdicts when the move was gated. */
export const labelEventSchema = z.object({
  sequence: z.number(),
  label: z.string(),
  fromVersion: z.nullable(z.string()),
  toVersion: z.string(),
  toHash: z.string(),
  kind: z.enum(["label", "deploy"]),
  actor: z.nullable(z.string()),
  details: z.unknown(),
  at: z.string(),
});

export const alertSchema = z.object({
  id: z.string(),
  kind: z.string(),
  key: z.string(),
  severity: z.enum(["info", "warning", "critical"]),
  title: z.string(),
  details: z.unknown(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  count: z.number(),
  resolvedAt: z.nullable(z.string()),
});

const promptDetailSchema = z.object({
  prompt: promptSummarySchema,
  versions: z.array(promptVersionSchema),
  labels: z.array(promptLabelSchema),
  history: z.array(labelEventSchema),
  driftAlerts: z.array(alertSchema),
});

/** The model calls that carried one hash of a prompt; `version` null for a text never pushed. */
export const versionMetricsSchema = z.object({
  version: z.nullable(z.string()),
  hash: z.string(),
  calls: z.number(),
  traces: z.number(),
  costMicros: z.number(),
  errors: z.number(),
  meanDurationMs: z.nullable(z.number()),
  firstSeenMs: z.nullable(z.number()),
  lastSeenMs: z.nullable(z.number()),
  scores: z.nullable(z.object({ mean: z.number(), count: z.number() })),
});

const promptMetricsSchema = z.object({ promptId: z.string(), metrics: z.array(versionMetricsSchema) });

export const promptBumps = ["major", "minor", "patch", "none"] as const;

const diffLineSchema = z.object({
  op: z.enum(["equal", "add", "remove"]),
  text: z.string(),
  oldLine: z.optional(z.number()),
  newLine: z.optional(z.number()),
});

const promptDiffSchema = z.object({
  promptId: z.string(),
  from: z.object({ version: z.string(), hash: z.string() }),
  to: z.object({ version: z.string(), hash: z.string() }),
  lines: z.array(diffLineSchema),
  classification: z.object({
    bump: z.enum(promptBumps),
    reasons: z.array(z.object({ bump: z.enum(promptBumps), path: z.string(), message: z.string() })),
  }),
});

export type PromptSummary = z.infer<typeof promptSummarySchema>;
export type PromptListItem = z.infer<typeof promptListItemSchema>;
export type PromptList = z.infer<typeof promptListSchema>;
export type PromptVersion = z.infer<typeof promptVersionSchema>;
export type PromptLabel = z.infer<typeof promptLabelSchema>;
export type LabelEvent = z.infer<typeof labelEventSchema>;
export type GateResult = z.infer<typeof gateResultSchema>;
export type Alert = z.infer<typeof alertSchema>;
export type PromptDetail = z.infer<typeof promptDetailSchema>;
export type VersionMetrics = z.infer<typeof versionMetricsSchema>;
export type PromptMetrics = z.infer<typeof promptMetricsSchema>;
export type PromptDiffLine = z.infer<typeof diffLineSchema>;
export type PromptDiff = z.infer<typeof promptDiffSchema>;
export type PromptBump = (typeof promptBumps)[number];

/** GET /api/v1/prompts. */
export const parsePromptList = createResponseParser(promptListSchema, promptListPath);

/** GET /api/v1/prompts/:id. */
export const parsePromptDetail = createResponseParser(promptDetailSchema, `${promptListPath}/:id`);

/** GET /api/v1/prompts/:id/metrics. */
export const parsePromptMetrics = createResponseParser(promptMetricsSchema, `${promptListPath}/:id/metrics`);

/** GET /api/v1/prompts/:id/diff. */
export const parsePromptDiff = createResponseParser(promptDiffSchema, `${promptListPath}/:id/diff`);

const gateListSchema = z.object({ gates: z.array(gateResultSchema) });

/** The gate verdicts a label move kept in its history (none for an ungated move or a push). */
export function gatesOfEvent(event: LabelEvent): GateResult[] {
  const parsed = gateListSchema.safeParse(event.details);
  return parsed.success ? parsed.data.gates : [];
}

/** The prompt a drift alert is about (`details.promptId`), when it says. */
export function promptOfAlert(alert: Alert): string | undefined {
  const parsed = z.object({ promptId: z.string() }).safeParse(alert.details);
  return parsed.success ? parsed.data.promptId : undefined;
}

/** The API path of one prompt. */
export function promptDetailPath(promptId: string): string {
  return `${promptListPath}/${encodeURIComponent(promptId)}`;
}

/** The API path of one prompt's per-version metrics. */
export function promptMetricsPath(promptId: string): string {
  return `${promptDetailPath(promptId)}/metrics`;
}

/** The API path of a diff; `from`/`to` are versions or labels (the server defaults what is left out). */
export function promptDiffPath(promptId: string, selection: { from?: string; to?: string }): string {
  const query = new URLSearchParams();
  if (selection.from !== undefined) query.set("from", selection.from);
  if (selection.to !== undefined) query.set("to", selection.to);
  const text = query.toString();
  return `${promptDetailPath(promptId)}/diff${text === "" ? "" : `?${text}`}`;
}
