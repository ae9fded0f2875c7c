import type { Kysely, Selectable } from "kysely";
import { isoNow } from "../../core/index.js";
import type { Database, PromptLabelEventsTable, PromptLabelsTable } from "../database.js";
import type { PromptsRepository, StoredPromptLabel, StoredPromptLabelEvent } from "../prompt-spec.js";
import { invalidInput } from "../store-errors.js";
import { lockKeys, writeTransaction } from "../write-transaction.js";
import { fromJsonText, toJsonText } from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import { findVersion } from "./prompt-versions.js";
import type { RepositoryContext } from "./repository-context.js";

// Labels (where `production`, `staging`… point) and their append-only history. A move reads the old
// label, so it runs under the write lock: two concurrent moves are serialised and each event's
// `fromVersion` is the label its own move replaced.

const moveKinds = ["label", "deploy"] as const;

function toLabel(row: Selectable<PromptLabelsTable>): StoredPromptLabel {
  return {
    projectId: row.project_id,
    promptId: row.prompt_id,
    label: row.label,
    version: row.version,
    hash: row.hash,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function toEvent(row: Selectable<PromptLabelEventsTable>): StoredPromptLabelEvent {
  return {
    sequence: Number(row.sequence),
    projectId: row.project_id,
    promptId: row.prompt_id,
    label: row.label,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    toHash: row.to_hash,
    kind: row.kind as StoredPromptLabelEvent["kind"],
    actor: row.actor,
    details: fromJsonText(row.details),
    at: row.at,
  };
}

async function findLabel(
  db: Kysely<Database>,
  projectId: string,
  promptId: string,
  label: string,
): Promise<StoredPromptLabel | undefined> {
  const row = await db
    .selectFrom("prompt_labels")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("prompt_id", "=", promptId)
    .where("label", "=", label)
    .executeTakeFirst();
  return row && toLabel(row);
}

type LabelsPart = Pick<PromptsRepository, "getLabel" | "listLabels" | "moveLabel" | "labelEvents">;

/** getLabel, listLabels, moveLabel and labelEvents over `prompt_labels` and `prompt_label_events`. */
export function createPromptLabels({ db, kind, clock }: RepositoryContext): LabelsPart {
  return {
    getLabel: (promptId, label, projectId = defaultProjectId) => findLabel(db, projectId, promptId, label),

    async listLabels(promptId, projectId = defaultProjectId) {
      const rows = await db
        .selectFrom("prompt_labels")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("prompt_id", "=", promptId)
        .orderBy("label")
        .execute();
      return rows.map(toLabel);
    },

    async moveLabel(move) {
      const moveKind = move.kind ?? "label";
      if (!(moveKinds as readonly string[]).includes(moveKind)) {
        throw invalidInput("kind", `must be one of ${moveKinds.join(", ")}, got "${moveKind}"`);
      }
      const projectId = move.projectId ?? defaultProjectId;
      return writeTransaction(
        db,
        kind,
        async (transaction) => {
          const target = await findVersion(transaction, projectId, move.promptId, move.version);
          if (target === undefined) return undefined;
          const current = await findLabel(transaction, projectId, move.promptId, move.label);
          if (current?.version === move.version) return current;
          const at = isoNow(clock);
          const row: Selectable<PromptLabelsTable> = {
            project_id: projectId,
            prompt_id: move.promptId,
            label: move.label,
            version: target.version,
            hash: target.hash,
            updated_at: at,
            updated_by: move.actor ?? null,
          };
          await transaction
            .insertInto("prompt_labels")
            .values(row)
            .onConflict((conflict) =>
              conflict.columns(["project_id", "prompt_id", "label"]).doUpdateSet({
                version: row.version,
                hash: row.hash,
                updated_at: row.updated_at,
                updated_by: row.updated_by,
              }),
            )
            .execute();
          await transaction
            .insertInto("prompt_label_events")
            .values({
              project_id: projectId,
              prompt_id: move.promptId,
              label: move.label,
              from_version: current?.version ?? null,
              to_version: target.version,
              to_hash: target.hash,
              kind: moveKind,
              actor: move.actor ?? null,
              details: toJsonText(move.details ?? null),
              at,
            })
            .execute();
          return toLabel(row);
        },
        { lockKey: lockKeys.promptLabels },
      );
    },

    async labelEvents(options = {}) {
      let query = db
        .selectFrom("prompt_label_events")
        .selectAll()
        .where("project_id", "=", options.projectId ?? defaultProjectId);
      if (options.promptId !== undefined) query = query.where("prompt_id", "=", options.promptId);
      if (options.label !== undefined) query = query.where("label", "=", options.label);
      if (options.since !== undefined) query = query.where("at", ">=", options.since);
      const rows = await query.orderBy("sequence").execute();
      return rows.map(toEvent);
    },
  };
}
