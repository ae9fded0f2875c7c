import type { Selectable } from "kysely";
import { isoNow, newId } from "../../core/index.js";
import type { ProjectsTable } from "../database.js";
import type { ProjectRecord, ProjectsRepository } from "../store-spec.js";
import type { RepositoryContext } from "./repository-context.js";

/** The id of the project every workspace starts with. */
export const defaultProjectId = "default";

function toRecord(row: Selectable<ProjectsTable>): ProjectRecord {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

/** Projects: the tenancy unit that runs, keys and budgets belong to. */
export function createProjectsRepository({ db, clock }: RepositoryContext): ProjectsRepository {
  async function get(id: string): Promise<ProjectRecord | undefined> {
    const row = await db.selectFrom("projects").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toRecord(row);
  }

  return {
    async ensureDefault() {
      // The first migration creates it; this restores it if someone deleted the row by hand.
      await db
        .insertInto("projects")
        .values({ id: defaultProjectId, name: "Default", created_at: isoNow(clock) })
        .onConflict((conflict) => conflict.column("id").doNothing())
        .execute();
      return (await get(defaultProjectId))!;
    },
    async create(input) {
      const row = { id: input.id ?? newId("project", clock), name: input.name, created_at: isoNow(clock) };
      await db.insertInto("projects").values(row).execute();
      return toRecord(row);
    },
    get,
    async list() {
      const rows = await db.selectFrom("projects").selectAll().orderBy("created_at").orderBy("id").execute();
      return rows.map(toRecord);
    },
  };
}
