import type { Kysely, Selectable } from "kysely";
import semver from "semver";
import { isoNow, type JsonValue } from "../../core/index.js";
import type { Database, PromptVersionsTable } from "../database.js";
import type { PromptsRepository, StoredPromptSummary, StoredPromptVersion } from "../prompt-spec.js";
import { invalidInput } from "../store-errors.js";
import { fromJsonText, toJsonText } from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import type { RepositoryContext } from "./repository-context.js";

// Immutable prompt versions and the per-prompt listing built from them. Semver precedence is not
// string order (1.10.0 > 1.9.0, 1.0.0 > 1.0.0-rc.1), so ordering happens in JS with `semver`.

// Two parameters per prompt when reading the latest versions' front matter: far under both limits.
const promptsPerStatement = 500;

function toRecord(row: Selectable<PromptVersionsTable>): StoredPromptVersion {
  return {
    projectId: row.project_id,
    promptId: row.prompt_id,
    version: row.version,
    hash: row.hash,
    source: row.source,
    frontMatter: fromJsonText(row.front_matter),
    message: row.message,
    author: row.author,
    createdAt: row.created_at,
  };
}

/** Newest first by semver precedence; build metadata (ignored by precedence) breaks ties for a stable order. */
export function compareVersionsNewestFirst(left: string, right: string): number {
  return semver.compareBuild(right, left);
}

function checkVersion(version: string): string {
  if (semver.valid(version) === null) {
    throw invalidInput("version", `must be a semver version like 1.2.0, got "${version}"`);
  }
  return version;
}

/** One version of one prompt, or undefined. */
export async function findVersion(
  db: Kysely<Database>,
  projectId: string,
  promptId: string,
  version: string,
): Promise<StoredPromptVersion | undefined> {
  const row = await db
    .selectFrom("prompt_versions")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("prompt_id", "=", promptId)
    .where("version", "=", version)
    .executeTakeFirst();
  return row && toRecord(row);
}

function description(frontMatter: JsonValue): string | null {
  if (frontMatter === null || typeof frontMatter !== "object" || Array.isArray(frontMatter)) return null;
  const value = frontMatter.description;
  return typeof value === "string" ? value : null;
}

type VersionsPart = Pick<PromptsRepository, "createVersion" | "getVersion" | "listVersions" | "list">;

/** createVersion, getVersion, listVersions and list over `prompt_versions` (labels read for list). */
export function createPromptVersions({ db, clock }: RepositoryContext): VersionsPart {
  return {
    async createVersion(input) {
      const row: Selectable<PromptVersionsTable> = {
        project_id: input.projectId ?? defaultProjectId,
        prompt_id: input.promptId,
        version: checkVersion(input.version),
        hash: input.hash,
        source: input.source,
        front_matter: toJsonText(input.frontMatter),
        message: input.message ?? null,
        author: input.author ?? null,
        created_at: isoNow(clock),
      };
      // The primary key decides, across processes too: of two pushes of one version exactly one inserts.
      // Postgres makes the loser wait for the winner's commit, so the read-back below finds its row.
      const inserted = await db
        .insertInto("prompt_versions")
        .values(row)
        .onConflict((conflict) => conflict.columns(["project_id", "prompt_id", "version"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
        return { outcome: "created", version: toRecord(row) };
      }
      // Versions are never deleted, so the row that won is there.
      const stored = (await findVersion(db, row.project_id, row.prompt_id, row.version))!;
      return { outcome: stored.hash === row.hash ? "exists" : "conflict", version: stored };
    },

    getVersion: (promptId, version, projectId = defaultProjectId) =>
      findVersion(db, projectId, promptId, version),

    async listVersions(promptId, projectId = defaultProjectId) {
      const rows = await db
        .selectFrom("prompt_versions")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("prompt_id", "=", promptId)
        .execute();
      return rows
        .map(toRecord)
        .sort((left, right) => compareVersionsNewestFirst(left.version, right.version));
    },

    async list(projectId = defaultProjectId) {
      // Versions without their sources (the listing needs none), then one query for the latest
      // versions' front matter.
      const versions = await db
        .selectFrom("prompt_versions")
        .select(["prompt_id", "version", "hash", "created_at"])
        .where("project_id", "=", projectId)
        .execute();
      const labels = await db
        .selectFrom("prompt_labels")
        .select(["prompt_id", "label", "version", "updated_at"])
        .where("project_id", "=", projectId)
        .execute();
      const summaries = new Map<string, StoredPromptSummary>();
      for (const row of versions) {
        const summary = summaries.get(row.prompt_id);
        if (summary === undefined) {
          summaries.set(row.prompt_id, {
            projectId,
            promptId: row.prompt_id,
            latestVersion: row.version,
            latestHash: row.hash,
            description: null,
            versions: 1,
            labels: {},
            updatedAt: row.created_at,
          });
          continue;
        }
        summary.versions += 1;
        if (compareVersionsNewestFirst(row.version, summary.latestVersion) < 0) {
          summary.latestVersion = row.version;
          summary.latestHash = row.hash;
        }
        if (row.created_at > summary.updatedAt) summary.updatedAt = row.created_at;
      }
      for (const label of labels) {
        const summary = summaries.get(label.prompt_id);
        if (summary === undefined) continue;
        summary.labels[label.label] = label.version;
        if (label.updated_at > summary.updatedAt) summary.updatedAt = label.updated_at;
      }
      const ordered = [...summaries.values()].sort((left, right) =>
        left.promptId < right.promptId ? -1 : left.promptId > right.promptId ? 1 : 0,
      );
      for (let start = 0; start < ordered.length; start += promptsPerStatement) {
        const chunk = ordered.slice(start, start + promptsPerStatement);
        const frontMatters = await db
          .selectFrom("prompt_versions")
          .select(["prompt_id", "front_matter"])
          .where("project_id", "=", projectId)
          .where((eb) =>
            eb.or(
              chunk.map((summary) =>
                eb.and([eb("prompt_id", "=", summary.promptId), eb("version", "=", summary.latestVersion)]),
              ),
            ),
          )
          .execute();
        for (const row of frontMatters) {
          summaries.get(row.prompt_id)!.description = description(fromJsonText(row.front_matter));
        }
      }
      return ordered;
    },
  };
}
