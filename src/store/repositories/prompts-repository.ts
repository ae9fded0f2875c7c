import type { Selectable } from "kysely";
import { isoNow } from "../../core/index.js";
import type { PromptConsumersTable } from "../database.js";
import type { PromptsRepository, StoredPromptConsumer } from "../prompt-spec.js";
import { fromJsonText, toJsonText } from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import { createPromptLabels } from "./prompt-labels.js";
import { promptUsageByHash } from "./prompt-usage.js";
import { createPromptVersions } from "./prompt-versions.js";
import type { RepositoryContext } from "./repository-context.js";

function toConsumer(row: Selectable<PromptConsumersTable>): StoredPromptConsumer {
  return {
    projectId: row.project_id,
    promptId: row.prompt_id,
    consumer: row.consumer,
    contract: fromJsonText(row.contract),
    updatedAt: row.updated_at,
  };
}

/**
 * The prompt registry's storage: versions (prompt-versions.ts), labels and their history
 * (prompt-labels.ts), consumer contracts (here) and per-hash usage from spans (prompt-usage.ts).
 */
export function createPromptsRepository(context: RepositoryContext): PromptsRepository {
  const { db, clock } = context;
  return {
    ...createPromptVersions(context),
    ...createPromptLabels(context),

    async putConsumer(input) {
      const row: Selectable<PromptConsumersTable> = {
        project_id: input.projectId ?? defaultProjectId,
        prompt_id: input.promptId,
        consumer: input.consumer,
        contract: toJsonText(input.contract),
        updated_at: isoNow(clock),
      };
      await db
        .insertInto("prompt_consumers")
        .values(row)
        .onConflict((conflict) =>
          conflict
            .columns(["project_id", "prompt_id", "consumer"])
            .doUpdateSet({ contract: row.contract, updated_at: row.updated_at }),
        )
        .execute();
      return toConsumer(row);
    },

    async listConsumers(promptId, projectId = defaultProjectId) {
      const rows = await db
        .selectFrom("prompt_consumers")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("prompt_id", "=", promptId)
        .orderBy("consumer")
        .execute();
      return rows.map(toConsumer);
    },

    async deleteConsumer(promptId, consumer, projectId = defaultProjectId) {
      const deleted = await db
        .deleteFrom("prompt_consumers")
        .where("project_id", "=", projectId)
        .where("prompt_id", "=", promptId)
        .where("consumer", "=", consumer)
        .executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0;
    },

    usageByHash: (query) => promptUsageByHash(db, query),
  };
}
