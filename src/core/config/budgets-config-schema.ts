import { z } from "zod";

// Budget limits as a workspace declares them. The guard module enforces them; this is only their shape.

/** What a limit caps: one run, one session, one agent, one API key or one project. */
export const budgetScopes = ["run", "session", "agent", "apiKey", "project"] as const;
export type BudgetScope = (typeof budgetScopes)[number];

/** `total`: the scope's whole life; `day` / `month`: calendar windows in UTC. */
export const budgetWindows = ["total", "day", "month"] as const;
export type BudgetWindow = (typeof budgetWindows)[number];

export const budgetLimitSchema = z.strictObject({
  scope: z.enum(budgetScopes),
  /** One id of the scope (an agent name, a project id, an API key id); omitted: every id, each capped on its own. */
  id: z.string().min(1).optional(),
  window: z.enum(budgetWindows).default("total"),
  /** The cap in US dollars; enforced in integer micro-USD. */
  limitUsd: z.number().positive().max(1_000_000_000),
});

export const budgetsSchema = z.strictObject({
  /** false turns reservations off entirely (nothing is capped). */
  enabled: z.boolean().default(true),
  limits: z.array(budgetLimitSchema).default([]),
  /** Output tokens reserved for a call that names no `maxOutputTokens`. */
  defaultMaxOutputTokens: z.number().int().positive().default(4096),
});

export type BudgetLimitConfig = z.output<typeof budgetLimitSchema>;
export type BudgetsConfig = z.output<typeof budgetsSchema>;
