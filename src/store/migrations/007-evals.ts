import type { Kysely } from "kysely";
import { columnTypes } from "./column-types.js";
import type { Migration, MigrationContext } from "./migration.js";

/**
 * Evals: dataset versions addressed by content hash, eval runs with one result row per (case, trial),
 * scores online rules gave production traces, and how far each rule's scan has reached. Booleans are
 * integer 0/1 on both databases, like every other flag the store keeps.
 */
export const evalsMigration: Migration = {
  version: 7,
  name: "evals",
  async up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
    const type = columnTypes(context.kind);
    await db.schema
      .createTable("eval_datasets")
      // No foreign keys, like the prompt registry: a dataset version outlives the project row it names.
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("name", type.key, (column) => column.notNull())
      .addColumn("hash", type.key, (column) => column.notNull())
      .addColumn("cases", type.json, (column) => column.notNull())
      .addColumn("origin", type.text)
      .addColumn("created_at", type.key, (column) => column.notNull())
      .addPrimaryKeyConstraint("eval_datasets_pk", ["project_id", "name", "hash"])
      .execute();
    await db.schema
      .createIndex("eval_datasets_created")
      .on("eval_datasets")
      .columns(["project_id", "created_at"])
      .execute();

    await db.schema
      .createTable("eval_runs")
      .addColumn("id", type.key, (column) => column.primaryKey())
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("suite", type.key, (column) => column.notNull())
      .addColumn("dataset_name", type.key, (column) => column.notNull())
      .addColumn("dataset_hash", type.key, (column) => column.notNull())
      .addColumn("status", type.key, (column) => column.notNull())
      .addColumn("config", type.json, (column) => column.notNull())
      .addColumn("summary", type.json)
      .addColumn("label", type.key)
      .addColumn("baseline_run_id", type.key)
      .addColumn("created_at", type.key, (column) => column.notNull())
      .addColumn("finished_at", type.key)
      .execute();
    // A suite's history and "the newest run with this label" (a gate's baseline) read these, newest id first.
    await db.schema.createIndex("eval_runs_suite").on("eval_runs").columns(["suite", "id"]).execute();
    await db.schema.createIndex("eval_runs_label").on("eval_runs").columns(["label", "id"]).execute();

    await db.schema
      .createTable("eval_results")
      .addColumn("run_id", type.key, (column) => column.notNull())
      .addColumn("case_id", type.key, (column) => column.notNull())
      .addColumn("trial", type.integer, (column) => column.notNull())
      .addColumn("passed", type.integer, (column) => column.notNull())
      .addColumn("inconclusive", type.integer, (column) => column.notNull())
      .addColumn("output", type.json, (column) => column.notNull())
      .addColumn("scores", type.json, (column) => column.notNull())
      .addColumn("cost_micros", type.bigint)
      .addColumn("latency_ms", type.double)
      .addColumn("trace_id", type.key)
      .addColumn("created_at", type.key, (column) => column.notNull())
      // The key is also the listing order: case id, then trial.
      .addPrimaryKeyConstraint("eval_results_pk", ["run_id", "case_id", "trial"])
      .execute();

    await db.schema
      .createTable("eval_online_scores")
      .addColumn("id", type.key, (column) => column.primaryKey())
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("rule", type.key, (column) => column.notNull())
      .addColumn("scorer", type.key, (column) => column.notNull())
      .addColumn("trace_id", type.key, (column) => column.notNull())
      .addColumn("value", type.double, (column) => column.notNull())
      .addColumn("passed", type.integer, (column) => column.notNull())
      .addColumn("reason", type.text)
      .addColumn("cost_micros", type.bigint, (column) => column.notNull())
      .addColumn("trace_start_ms", type.double, (column) => column.notNull())
      .addColumn("created_at", type.key, (column) => column.notNull())
      .execute();
    // Rolling means and the daily judge spend are ranges of one rule over trace time.
    await db.schema
      .createIndex("eval_online_scores_rule")
      .on("eval_online_scores")
      .columns(["project_id", "rule", "trace_start_ms"])
      .execute();
    // A rule's judge spend today is a range over when scores were written.
    await db.schema
      .createIndex("eval_online_scores_rule_scored")
      .on("eval_online_scores")
      .columns(["project_id", "rule", "created_at"])
      .execute();
    await db.schema
      .createIndex("eval_online_scores_trace")
      .on("eval_online_scores")
      .columns(["trace_id"])
      .execute();

    await db.schema
      .createTable("eval_online_cursors")
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("rule", type.key, (column) => column.notNull())
      .addColumn("position_ms", type.double, (column) => column.notNull())
      .addColumn("updated_at", type.key, (column) => column.notNull())
      .addPrimaryKeyConstraint("eval_online_cursors_pk", ["project_id", "rule"])
      .execute();
  },
};
