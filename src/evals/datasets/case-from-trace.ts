import { GantryError, type JsonValue } from "../../core/index.js";
import type { RunRecord, Store } from "../../store/index.js";
import type { EvalCase, RiskTier } from "../eval-spec.js";
import { caseIdPattern } from "./eval-case-schema.js";

// A failure seen in production becomes a regression case: the input of the run behind a trace (spans
// do not keep message content, runs keep their input), what the answer should have been, and the
// failure it guards against, linked back to the trace it came from. `gantry eval add-from-trace`, the
// API and the dashboard's "Add to dataset" all go through here and `appendCaseToSuite`.

export interface CaseFromTraceInput {
  traceId: string;
  /** The run whose trace it is; its input becomes the case's input. */
  run: Pick<RunRecord, "id" | "agent" | "input" | "traceId"> | undefined;
  /** What a correct answer is (the suite's scorers compare against it). */
  expected?: JsonValue;
  /** The failure the case guards against (`invented-policy`, `wrong-queue`…). */
  failureClass?: string;
  /** Default: `<failureClass>-<trace id's first 8>`, else `trace-<first 12>`. */
  id?: string;
  tags?: string[];
  riskTier?: RiskTier;
  rubric?: string;
}

function evalUserError(code: string, message: string, hint: string, details: Record<string, JsonValue>) {
  return new GantryError({ code, message, domain: "EVAL", category: "USER", details, hint });
}

/** The id a case from this trace gets unless one is given. */
export function caseIdForTrace(traceId: string, failureClass?: string): string {
  const slug = failureClass
    ?.toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+|-+$/g, "");
  return slug ? `${slug}-${traceId.slice(0, 8)}` : `trace-${traceId.slice(0, 12)}`;
}

/**
 * The case a trace gives: the run's input, `expected`, `failureClass`, source `prod_replay` and the
 * trace id. Throws EVAL_TRACE_NO_INPUT when no agent run is behind the trace (a gateway call or an
 * OTLP import: their spans carry no message content to replay).
 */
export function caseFromTrace(input: CaseFromTraceInput): EvalCase {
  const { traceId, run } = input;
  if (run === undefined) {
    throw evalUserError(
      "EVAL_TRACE_NO_INPUT",
      `Trace ${traceId} has no agent run behind it, so there is no input to replay as a case`,
      "Add traces of agent runs (gantry run, POST /api/v1/agents/:name/runs); gateway calls and imported spans do not keep their messages. Or write the case by hand in the suite's dataset.",
      { traceId },
    );
  }
  const id = input.id ?? caseIdForTrace(traceId, input.failureClass);
  if (!caseIdPattern.test(id)) {
    throw evalUserError(
      "EVAL_CASE_INVALID",
      `"${id}" is not a case id: use letters, digits, '.', '_', ':' or '-' (no spaces or '#')`,
      "Pick another id, or leave it out to get trace-<trace id>.",
      { id },
    );
  }
  return {
    id,
    input: run.input,
    ...(input.expected === undefined ? {} : { expected: input.expected }),
    ...(input.rubric === undefined ? {} : { rubric: input.rubric }),
    tags: input.tags ?? [],
    ...(input.failureClass === undefined ? {} : { failureClass: input.failureClass }),
    source: "prod_replay",
    ...(input.riskTier === undefined ? {} : { riskTier: input.riskTier }),
    traceId,
  };
}

// A subagent's run shares its parent's trace: the trace's case is the run at the top.
async function rootRunOf(store: Pick<Store, "runs">, run: RunRecord): Promise<RunRecord> {
  let current = run;
  while (current.parentRunId) {
    const parent = await store.runs.get(current.parentRunId);
    if (!parent || parent.traceId !== run.traceId) break;
    current = parent;
  }
  return current;
}

const runPageSize = 200;
// A run is created just before its trace's first span; runs created well before the trace cannot own it.
const clockSkewMs = 60_000;
const maxRunsScanned = 20_000;

/**
 * The run whose trace this is, newest runs first, looking back no further than the trace's start (runs
 * are not indexed by trace). Undefined when the trace is not in the store or no run has it.
 */
export async function runOfTrace(
  store: Pick<Store, "runs" | "spans">,
  traceId: string,
): Promise<RunRecord | undefined> {
  const spans = await store.spans.getTrace(traceId);
  if (spans.length === 0) return undefined;
  const traceStartMs = Math.min(...spans.map((span) => span.startTimeMs));
  let cursor: string | null = null;
  for (let scanned = 0; scanned < maxRunsScanned; scanned += runPageSize) {
    const page = await store.runs.list({ limit: runPageSize, cursor });
    const found = page.items.find((run) => run.traceId === traceId);
    if (found) return rootRunOf(store, found);
    const oldest = page.items.at(-1);
    if (!page.nextCursor || !oldest || Date.parse(oldest.createdAt) < traceStartMs - clockSkewMs) return;
    cursor = page.nextCursor;
  }
  return undefined;
}
