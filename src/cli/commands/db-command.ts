import type { Command } from "commander";
import pc from "picocolors";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { printJson, printTable } from "../output.js";

/** `gantry db migrate|status`: the store's schema. */
export function registerDbCommand(program: Command): void {
  const db = program.command("db").description("inspect and migrate the store (SQLite or Postgres)");

  db.command("migrate")
    .description("apply pending migrations (safe to run from several processes at once)")
    .action(async (_options: unknown, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>(), {
        migrate: false,
      });
      try {
        const applied = await store.migrations.migrate();
        console.log(`${store.kind} ${pc.dim(store.location)}`);
        if (applied.length === 0) console.log("already current: nothing to apply");
        for (const name of applied) console.log(`${pc.green("applied")} ${name}`);
      } finally {
        await store.close();
      }
    });

  db.command("status")
    .description("list migrations and whether each is applied")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>(), {
        migrate: false,
      });
      try {
        const status = await store.migrations.status();
        if (options.json)
          return printJson({ kind: store.kind, location: store.location, migrations: status });
        console.log(`${store.kind} ${pc.dim(store.location)}`);
        printTable(
          ["version", "name", "applied"],
          status.map((row) => [String(row.version), row.name, row.appliedAt ?? pc.yellow("pending")]),
        );
      } finally {
        await store.close();
      }
    });
}
