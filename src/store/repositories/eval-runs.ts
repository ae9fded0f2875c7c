import type { Selectable, Updateable } from "kysely";
import { isoNow, newId } from "../../core/index.js";
import type { EvalResultsTable, EvalRunsTable } from "../database.js";
import {
  type EvalRunStatus,
  type EvalsRepository,
  evalRunStatuses,
  type StoredEvalResult,
  type StoredEvalRun,
} from "../eval-spec.js";
import { invalidInput } from "../store-errors.js";
import {
  checkMicros,
  fromJsonText,
  fromNullableJsonText,
  pageLimit,
  toJsonText,
  toNullableJsonText,
  toNullableNumber,
} from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import type { RepositoryContext } from "./repository-context.js";

// Eval runs and their per-trial results. A result's key is (run, case, trial), so a resumed run that
// redoes a trial replaces it instead of counting it twice.

function toRun(row: Selectable<EvalRunsTable>): StoredEvalRun {
  return {
    id: row.id,
    projectId: row.project_id,
    suite: row.suite,
    datasetName: row.dataset_name,
    datasetHash: row.dataset_hash,
    status: row.status as EvalRunStatus,
    config: fromJsonText(row.config),
    summary: fromNullableJsonText(row.summary),
    label: row.label,
    baselineRunId: row.baseline_run_id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

function toResult(row: Selectable<EvalResultsTable>): StoredEvalResult {
  return {
    runId: row.run_id,
    caseId: row.case_id,
    trial: Number(row.trial),
    passed: Number(row.passed) === 1,
    inconclusive: Number(row.inconclusive) === 1,
    output: fromJsonText(row.output),
    scores: fromJsonText(row.scores),
    costMicros: toNullableNumber(row.cost_micros),
    latencyMs: toNullableNumber(row.latency_ms),
    traceId: row.trace_id,
    createdAt: row.created_at,
  };
}

function checkStatus(status: string): EvalRunStatus {
  if (!(evalRunStatuses as readonly string[]).includes(status)) {
    throw invalidInput("status", `must be one of ${evalRunStatuses.join(", ")}, got "${status}"`);
  }
  return status as EvalRunStatus;
}

function checkTrial(trial: number): number {
  if (!Number.isSafeInteger(trial) || trial < 0) {
    throw invalidInput("trial", `must be a non-negative integer, got ${trial}`);
  }
  return trial;
}

function checkLatency(latencyMs: number | null): number | null {
  if (latencyMs !== null && !(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw invalidInput("latencyMs", `must be a non-negative number of milliseconds, got ${latencyMs}`);
  }
  return latencyMs;
}

type RunsPart = Pick<
  EvalsRepository,
  "createRun" | "getRun" | "updateRun" | "listRuns" | "putResult" | "listResults"
>;

/** Eval runs over `eval_runs` and their results over `eval_results` (migration 007). */
export function createEvalRuns({ db, clock }: RepositoryContext): RunsPart {
  async function getRun(id: string): Promise<StoredEvalRun | undefined> {
    const row = await db.selectFrom("eval_runs").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toRun(row);
  }

  return {
    async createRun(input) {
      const row: Selectable<EvalRunsTable> = {
        id: input.id ?? newId("evr", clock),
        project_id: input.projectId ?? defaultProjectId,
        suite: input.suite,
        dataset_name: input.datasetName,
        dataset_hash: input.datasetHash,
        status: "running",
        config: toJsonText(input.config),
        summary: null,
        label: input.label ?? null,
        baseline_run_id: input.baselineRunId ?? null,
        created_at: isoNow(clock),
        finished_at: null,
      };
      await db.insertInto("eval_runs").values(row).execute();
      return toRun(row);
    },

    getRun,

    async updateRun(id, update) {
      const set: Updateable<EvalRunsTable> = {};
      if (update.status !== undefined) set.status = checkStatus(update.status);
      if (update.summary !== undefined) set.summary = toNullableJsonText(update.summary);
      if (update.label !== undefined) set.label = update.label;
      if (update.finishedAt !== undefined) set.finished_at = update.finishedAt;
      if (Object.keys(set).length > 0) {
        const result = await db.updateTable("eval_runs").set(set).where("id", "=", id).executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return undefined;
      }
      return getRun(id);
    },

    async listRuns(options = {}) {
      const limit = pageLimit(options.limit, 50, 500);
      let query = db.selectFrom("eval_runs").selectAll();
      if (options.projectId !== undefined) query = query.where("project_id", "=", options.projectId);
      if (options.suite !== undefined) query = query.where("suite", "=", options.suite);
      if (options.label !== undefined) query = query.where("label", "=", options.label);
      if (options.status !== undefined) query = query.where("status", "=", checkStatus(options.status));
      const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
      return rows.map(toRun);
    },

    async putResult(result) {
      const row: Selectable<EvalResultsTable> = {
        run_id: result.runId,
        case_id: result.caseId,
        trial: checkTrial(result.trial),
        passed: result.passed ? 1 : 0,
        inconclusive: result.inconclusive ? 1 : 0,
        output: toJsonText(result.output),
        scores: toJsonText(result.scores),
        cost_micros: result.costMicros === null ? null : checkMicros(result.costMicros, "costMicros"),
        latency_ms: checkLatency(result.latencyMs),
        trace_id: result.traceId,
        created_at: isoNow(clock),
      };
      const { run_id: _run, case_id: _case, trial: _trial, ...replaced } = row;
      await db
        .insertInto("eval_results")
        .values(row)
        .onConflict((conflict) => conflict.columns(["run_id", "case_id", "trial"]).doUpdateSet(replaced))
        .execute();
    },

    async listResults(runId) {
      const rows = await db
        .selectFrom("eval_results")
        .selectAll()
        .where("run_id", "=", runId)
        .orderBy("case_id")
        .orderBy("trial")
        .execute();
      return rows.map(toResult);
    },
  };
}
