import type { Selectable, Updateable } from "kysely";
import { GantryError, isoNow, newId } from "../../core/index.js";
import type { RunsTable } from "../database.js";
import {
  type RunRecord,
  type RunStatus,
  type RunsRepository,
  type RunUpdate,
  runStatuses,
} from "../run-spec.js";
import { invalidInput } from "../store-errors.js";
import {
  checkMicros,
  fromJsonText,
  fromNullableJsonText,
  pageLimit,
  toJsonText,
  toNullableJsonText,
} from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import type { RepositoryContext } from "./repository-context.js";

function toRecord(row: Selectable<RunsTable>): RunRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    agent: row.agent,
    agentVersion: row.agent_version,
    status: row.status as RunStatus,
    input: fromJsonText(row.input),
    output: fromNullableJsonText(row.output),
    state: fromNullableJsonText(row.state),
    schemaVersion: Number(row.schema_version),
    parentRunId: row.parent_run_id,
    sessionId: row.session_id,
    traceId: row.trace_id,
    costMicros: Number(row.cost_micros),
    error: fromNullableJsonText(row.error),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkStatus(status: string): RunStatus {
  if (!(runStatuses as readonly string[]).includes(status)) {
    throw invalidInput("status", `must be one of ${runStatuses.join(", ")}, got "${status}"`);
  }
  return status as RunStatus;
}

/** Runs: one row per agent run, its input, output, serialised state and cost so far. */
export function createRunsRepository({ db, clock }: RepositoryContext): RunsRepository {
  async function get(id: string): Promise<RunRecord | undefined> {
    const row = await db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toRecord(row);
  }

  async function save(id: string, changes: RunUpdate): Promise<void> {
    const set: Updateable<RunsTable> = { updated_at: isoNow(clock) };
    if (changes.status !== undefined) set.status = checkStatus(changes.status);
    if (changes.output !== undefined) set.output = toNullableJsonText(changes.output);
    if (changes.state !== undefined) set.state = toNullableJsonText(changes.state);
    if (changes.schemaVersion !== undefined) set.schema_version = changes.schemaVersion;
    if (changes.error !== undefined) set.error = toNullableJsonText(changes.error);
    if (changes.costMicros !== undefined) set.cost_micros = checkMicros(changes.costMicros, "costMicros");
    if (changes.traceId !== undefined) set.trace_id = changes.traceId;
    const result = await db.updateTable("runs").set(set).where("id", "=", id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new GantryError({
        code: "RUN_NOT_FOUND",
        message: `No run with id ${id} exists in this store`,
        domain: "STORE",
        category: "USER",
        details: { runId: id },
      });
    }
  }

  return {
    async create(input) {
      const now = isoNow(clock);
      const row: Selectable<RunsTable> = {
        id: input.id ?? newId("run", clock),
        project_id: input.projectId ?? defaultProjectId,
        agent: input.agent,
        agent_version: input.agentVersion ?? null,
        status: checkStatus(input.status ?? "queued"),
        input: toJsonText(input.input),
        output: null,
        state: toNullableJsonText(input.state),
        schema_version: input.schemaVersion ?? 1,
        parent_run_id: input.parentRunId ?? null,
        session_id: input.sessionId ?? null,
        trace_id: input.traceId ?? null,
        cost_micros: 0,
        error: null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto("runs").values(row).execute();
      return toRecord(row);
    },

    get,

    save,

    async update(id, changes) {
      await save(id, changes);
      return (await get(id))!;
    },

    async list(options = {}) {
      const limit = pageLimit(options.limit, 50, 500);
      let query = db.selectFrom("runs").selectAll();
      if (options.projectId !== undefined) query = query.where("project_id", "=", options.projectId);
      if (options.agent !== undefined) query = query.where("agent", "=", options.agent);
      if (options.sessionId !== undefined) query = query.where("session_id", "=", options.sessionId);
      if (options.status !== undefined) {
        const statuses = (Array.isArray(options.status) ? options.status : [options.status]).map(checkStatus);
        if (statuses.length === 0) return { items: [], nextCursor: null };
        query = query.where("status", "in", statuses);
      }
      // The cursor is the last id of the previous page; ids are unique, so "id < cursor" never skips or repeats.
      if (options.cursor) query = query.where("id", "<", options.cursor);
      const rows = await query
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toRecord);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  };
}
