import type { Kysely, Selectable } from "kysely";
import { isoNow } from "../../core/index.js";
import type { Database, EvalDatasetsTable } from "../database.js";
import type { EvalsRepository, StoredDatasetVersion } from "../eval-spec.js";
import { invalidInput } from "../store-errors.js";
import { fromJsonText, toJsonText } from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import type { RepositoryContext } from "./repository-context.js";

// Dataset versions are immutable and content-addressed: the (project, name, hash) key decides between
// concurrent writers, and a repeat of a stored version returns the stored row unchanged.

function toRecord(row: Selectable<EvalDatasetsTable>): StoredDatasetVersion {
  return {
    projectId: row.project_id,
    name: row.name,
    hash: row.hash,
    cases: fromJsonText(row.cases),
    origin: row.origin,
    createdAt: row.created_at,
  };
}

async function findDataset(
  db: Kysely<Database>,
  projectId: string,
  name: string,
  hash: string,
): Promise<StoredDatasetVersion | undefined> {
  const row = await db
    .selectFrom("eval_datasets")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("name", "=", name)
    .where("hash", "=", hash)
    .executeTakeFirst();
  return row && toRecord(row);
}

type DatasetsPart = Pick<EvalsRepository, "putDataset" | "getDataset" | "listDatasets">;

/** putDataset, getDataset and listDatasets over `eval_datasets` (migration 007). */
export function createEvalDatasets({ db, clock }: RepositoryContext): DatasetsPart {
  return {
    async putDataset(input) {
      if (input.name === "") throw invalidInput("name", "must not be empty");
      if (input.hash === "") throw invalidInput("hash", "must not be empty");
      if (!Array.isArray(input.cases)) throw invalidInput("cases", "must be an array");
      const row: Selectable<EvalDatasetsTable> = {
        project_id: input.projectId ?? defaultProjectId,
        name: input.name,
        hash: input.hash,
        cases: toJsonText(input.cases),
        origin: input.origin ?? null,
        created_at: isoNow(clock),
      };
      // Postgres makes a concurrent loser wait for the winner's commit, so the read-back finds its row.
      const inserted = await db
        .insertInto("eval_datasets")
        .values(row)
        .onConflict((conflict) => conflict.columns(["project_id", "name", "hash"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return toRecord(row);
      return (await findDataset(db, row.project_id, row.name, row.hash))!;
    },

    getDataset: (name, hash, projectId = defaultProjectId) => findDataset(db, projectId, name, hash),

    async listDatasets(name, projectId = defaultProjectId) {
      let query = db.selectFrom("eval_datasets").selectAll().where("project_id", "=", projectId);
      if (name !== undefined) query = query.where("name", "=", name);
      const rows = await query.orderBy("created_at", "desc").orderBy("name").orderBy("hash").execute();
      return rows.map(toRecord);
    },
  };
}
