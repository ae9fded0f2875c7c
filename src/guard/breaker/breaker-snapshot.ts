import { z } from "zod";
import { breakerSnapshotInvalid } from "./breaker-errors.js";
import { degradations, type SessionBreakerSnapshot, tripReasons } from "./breaker-spec.js";

// A session breaker's memory as stored in run state. It crosses the store boundary, so a restored
// snapshot is checked against this schema before a breaker trusts it.

const micros = z.number().int().nonnegative();

const tripSchema = z.strictObject({
  reason: z.enum(tripReasons),
  degradation: z.enum(degradations),
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  at: z.number(),
});

const snapshotSchema = z.strictObject({
  spentMicros: micros,
  iterations: z.number().int().nonnegative(),
  recentSpend: z.array(z.tuple([z.number(), micros])),
  recentToolCalls: z.array(z.string()),
  handoffs: z.array(z.string()),
  trips: z.array(tripSchema),
});

/** A session that has spent nothing and seen nothing. */
export function emptySnapshot(spentMicros = 0): SessionBreakerSnapshot {
  return { spentMicros, iterations: 0, recentSpend: [], recentToolCalls: [], handoffs: [], trips: [] };
}

/** A deep copy, so a snapshot handed out never aliases a live breaker's state. */
export function cloneSnapshot(snapshot: SessionBreakerSnapshot): SessionBreakerSnapshot {
  return structuredClone(snapshot);
}

/** Checks a stored snapshot's shape; throws BREAKER_SNAPSHOT_INVALID naming the first bad path. */
export function parseBreakerSnapshot(value: unknown): SessionBreakerSnapshot {
  const parsed = snapshotSchema.safeParse(value);
  if (parsed.success) return parsed.data as SessionBreakerSnapshot;
  const issue = parsed.error.issues[0]!;
  throw breakerSnapshotInvalid(issue.path.map(String).join("."), issue.message);
}
