import { z } from "zod";
import { GantryError } from "../core/index.js";
import { type RunState, runStateSchemaVersion } from "./run-state.js";

// Reads a checkpoint back. Every schemaVersion ever written stays loadable: older shapes are upgraded
// step by step to the current one. Fixtures of each version live in test/runtime/fixtures/run-state/.

const json = z.json();

const toolCallSchema = z.looseObject({
  toolCallId: z.string(),
  toolName: z.string(),
  input: json,
  idempotencyKey: z.string(),
  step: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  status: z.enum(["started", "completed", "failed"]),
});

const stateV1Schema = z.looseObject({
  schemaVersion: z.literal(1),
  runId: z.string(),
  agent: z.looseObject({ name: z.string(), version: z.string() }),
  model: z.string().optional(),
  input: json,
  parentRunIds: z.array(z.string()),
  projectId: z.string(),
  messages: z.array(z.looseObject({ role: z.enum(["system", "user", "assistant", "tool"]) })),
  steps: z.number().int().nonnegative(),
  toolCalls: z.array(toolCallSchema),
  costMicros: z.number().int().nonnegative(),
  largestCallMicros: z.number().int().nonnegative().optional(),
  unpricedCalls: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  repairs: z.number().int().nonnegative(),
  toolsDisabled: z.boolean(),
  elapsedMs: z.number().nonnegative(),
  startedAt: z.string(),
});

function unreadable(runId: string, problem: string): GantryError {
  return new GantryError({
    code: "RUN_STATE_INVALID",
    message: `The saved state of run ${runId} cannot be read: ${problem}`,
    domain: "AGENT",
    category: "SYSTEM",
    details: { runId, problem },
    hint: "The checkpoint was written by an unknown or newer Gantry, or edited by hand; upgrade Gantry or start a new run.",
  });
}

/** Parses a stored checkpoint of any known schemaVersion into the current RunState. */
export function loadRunState(runId: string, stored: unknown): RunState {
  if (typeof stored !== "object" || stored === null) throw unreadable(runId, "it is empty");
  const version = (stored as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version)) {
    throw unreadable(runId, "it has no schemaVersion");
  }
  if (version > runStateSchemaVersion) {
    throw unreadable(runId, `schemaVersion ${version} is newer than this Gantry's ${runStateSchemaVersion}`);
  }
  // Version 1 is the first; later versions add an `upgradeVn` step here and fall through to the current.
  const parsed = stateV1Schema.safeParse(stored);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw unreadable(runId, `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data as unknown as RunState;
}
