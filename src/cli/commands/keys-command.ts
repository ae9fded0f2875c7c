import type { Command } from "commander";
import pc from "picocolors";
import { GantryError, isoNow, systemClock } from "../../core/index.js";
import { mintApiKey, parseScopes } from "../../guard/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { printJson, printTable } from "../output.js";
import { parseDuration } from "../parse-options.js";

/** `gantry keys create|list|revoke`: API keys for the HTTP API and the gateway. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command("keys").description("manage API keys (stored hashed; shown once)");

  keys
    .command("create")
    .description("create an API key and print it once")
    .requiredOption("--scopes <scopes>", "comma-separated: admin, read, write, gateway, release")
    .option("--name <name>", "a label to recognise the key by", "default")
    .option("--expires-in <duration>", "lifetime such as 90m, 12h, 30d (default: no expiry)", parseDuration)
    .option("--json", "print JSON")
    .action(
      async (
        options: { scopes: string; name: string; expiresIn?: number; json?: boolean },
        command: Command,
      ) => {
        const scopes = parseScopes(options.scopes);
        const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
        try {
          const project = await store.projects.ensureDefault();
          const minted = mintApiKey();
          const expiresAt = options.expiresIn
            ? new Date(systemClock.now() + options.expiresIn).toISOString()
            : null;
          const record = await store.apiKeys.create({
            projectId: project.id,
            name: options.name,
            prefix: minted.prefix,
            secretHash: minted.secretHash,
            scopes,
            expiresAt,
          });
          if (options.json) return printJson({ ...record, key: minted.secret });
          console.log(`created key ${pc.bold(record.name)} (${record.id}) with scopes ${scopes.join(", ")}`);
          console.log(`\n  ${pc.green(minted.secret)}\n`);
          console.log(pc.yellow("Copy it now: it is stored hashed and cannot be shown again."));
        } finally {
          await store.close();
        }
      },
    );

  keys
    .command("list")
    .description("list API keys (prefixes only)")
    .option("--all", "include revoked keys")
    .option("--json", "print JSON")
    .action(async (options: { all?: boolean; json?: boolean }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const list = await store.apiKeys.list({ includeRevoked: options.all ?? false });
        if (options.json) return printJson(list);
        const now = isoNow();
        printTable(
          ["id", "name", "prefix", "scopes", "created", "last used", "state"],
          list.map((key) => [
            key.id,
            key.name,
            `${key.prefix}…`,
            key.scopes.join(","),
            key.createdAt.slice(0, 19),
            key.lastUsedAt?.slice(0, 19) ?? "-",
            key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "active",
          ]),
        );
      } finally {
        await store.close();
      }
    });

  keys
    .command("revoke")
    .description("revoke a key by id or prefix")
    .argument("<key>", "the key's id or its prefix as shown by `gantry keys list`")
    .action(async (idOrPrefix: string, _options: unknown, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const revoked = await store.apiKeys.revoke(idOrPrefix.replace(/…$/, ""), isoNow());
        if (!revoked) {
          throw new GantryError({
            code: "API_KEY_NOT_FOUND",
            message: `No active key matches '${idOrPrefix}'`,
            domain: "AUTH",
            category: "USER",
            hint: "Run `gantry keys list` to see ids and prefixes.",
          });
        }
        console.log(`revoked ${revoked.name} (${revoked.prefix}…)`);
      } finally {
        await store.close();
      }
    });
}
