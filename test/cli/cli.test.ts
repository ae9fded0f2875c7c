import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gantryBin, runGantry } from "../support/built-package.js";
import { readJson } from "../support/read-json.js";
import { startProcess } from "../support/running-process.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

beforeAll(() => ensureBuilt(), 180_000);

describe("gantry --help", () => {
  it("lists every command and exits 0", async () => {
    const result = await runGantry(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["init", "up", "db", "keys", "doctor"]) expect(result.stdout).toContain(command);
  });

  it("exits 2 on an unknown command", async () => {
    const result = await runGantry(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command");
  });
});

describe("a config with a wrong field", () => {
  const config = `import { defineConfig } from "gantry";

export default defineConfig({
  name: "shop",
  server: {
    port: "eighty",
  },
});
`;

  it("fails with the file, the field path and what is expected, exit 2, no stack trace", async () => {
    const root = temporaryWorkspace(config);
    const result = await runGantry(["doctor", "--workspace", root]);
    // doctor reports the problem as a failed check
    expect(result.code).toBe(1);
    const up = await runGantry(["up", "--workspace", root, "--port", "0"]);
    expect(up.code).toBe(2);
    expect(up.stderr).toContain(`${join(root, "gantry.config.ts")}:6`);
    expect(up.stderr).toContain('server.port: expected number, got the string "eighty"');
    expect(up.stderr).toContain("CONFIG_INVALID");
    expect(up.stderr).not.toMatch(/\n\s+at /);
  });

  it("shows the stack trace with --debug", async () => {
    const root = temporaryWorkspace(config);
    const result = await runGantry(["up", "--workspace", root, "--debug"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe("gantry init and up, outside the repository", () => {
  it("scaffolds a workspace that `npx gantry up` serves and Ctrl-C stops", async () => {
    const root = temporaryWorkspace();
    const target = join(root, "ws");
    const init = await runGantry(["init", target]);
    expect(init.code).toBe(0);
    for (const file of [
      "gantry.config.ts",
      "agents/triage.spec.yaml",
      "prompts/triage.prompt.md",
      "evals/triage.yaml",
      "policies/default.cedar",
      "README.md",
      ".gitignore",
      "package.json",
    ]) {
      expect(existsSync(join(target, file)), file).toBe(true);
    }
    expect(readFileSync(join(target, "gantry.config.ts"), "utf8")).toContain('name: "ws"');

    const again = await runGantry(["init", target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("INIT_WOULD_OVERWRITE");

    const up = startProcess("npx", ["--no-install", "gantry", "up", "--port", "0"], { cwd: target });
    try {
      const [, url] = await up.waitFor(/dashboard\s+(http:\/\/\S+?)\/\s/);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const info = await readJson(await fetch(`${url}/api/v1/info`));
      expect(info.workspace).toMatchObject({ name: "ws", root: target });
      expect(existsSync(join(target, ".gantry", "gantry.db"))).toBe(true);
    } finally {
      process.kill(-up.child.pid!, "SIGINT");
    }
    // npx itself dies of the terminal's SIGINT; what matters is that gantry shut down gracefully.
    expect([0, "SIGINT"]).toContain(await up.exited());
    expect(up.output()).toContain("SIGINT: stopping");
    expect(up.output()).toContain("stopped");
  });
});

describe("exposure and keys", () => {
  it("refuses --host 0.0.0.0 with no key; with a key, requests without it get 401 JSON", async () => {
    const root = temporaryWorkspace();
    const refused = await runGantry(["up", "--workspace", root, "--host", "0.0.0.0", "--port", "0"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("SERVER_UNSAFE_BIND");
    expect(refused.stderr).toContain("gantry keys create");

    const created = await runGantry([
      "keys",
      "create",
      "--workspace",
      root,
      "--name",
      "ops",
      "--scopes",
      "admin",
    ]);
    expect(created.code).toBe(0);
    const key = created.stdout.match(/gsk_[A-Za-z0-9_-]{43}/)?.[0];
    expect(key).toBeDefined();

    const up = startProcess(
      process.execPath,
      [gantryBin, "up", "--workspace", root, "--host", "0.0.0.0", "--port", "0"],
      {
        cwd: root,
      },
    );
    try {
      const [, port] = await up.waitFor(/dashboard\s+http:\/\/\S+:(\d+)\//);
      const without = await fetch(`http://127.0.0.1:${port}/api/v1/info`);
      expect(without.status).toBe(401);
      expect((await readJson(without)).error.code).toBe("AUTH_REQUIRED");
      const withKey = await fetch(`http://127.0.0.1:${port}/api/v1/info`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(withKey.status).toBe(200);
    } finally {
      process.kill(-up.child.pid!, "SIGTERM");
    }
    expect(await up.exited()).toBe(0);
    expect(up.output()).not.toContain(key);
  });

  it("lists keys by prefix only and revokes by prefix", async () => {
    const root = temporaryWorkspace();
    const created = await runGantry([
      "keys",
      "create",
      "--workspace",
      root,
      "--scopes",
      "read,gateway",
      "--json",
    ]);
    expect(created.code).toBe(0);
    const record = JSON.parse(created.stdout);
    expect(record.scopes).toEqual(["read", "gateway"]);
    const listed = await runGantry(["keys", "list", "--workspace", root]);
    expect(listed.stdout).toContain(record.prefix);
    expect(listed.stdout).not.toContain(record.key);
    const revoked = await runGantry(["keys", "revoke", "--workspace", root, record.prefix]);
    expect(revoked.code).toBe(0);
    const active = await runGantry(["keys", "list", "--workspace", root, "--json"]);
    expect(JSON.parse(active.stdout)).toEqual([]);
    const badScope = await runGantry(["keys", "create", "--workspace", root, "--scopes", "root"]);
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toContain("API_KEY_SCOPE_UNKNOWN");
  });
});

describe("gantry db and doctor", () => {
  it("migrates, reports status and passes doctor on a fresh workspace", async () => {
    const root = temporaryWorkspace();
    const before = await runGantry(["db", "status", "--workspace", root, "--json"]);
    expect(before.code).toBe(0);
    const pending = JSON.parse(before.stdout).migrations;
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((migration: { appliedAt: string | null }) => migration.appliedAt === null)).toBe(
      true,
    );
    const migrate = await runGantry(["db", "migrate", "--workspace", root]);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain("applied");
    const again = await runGantry(["db", "migrate", "--workspace", root]);
    expect(again.stdout).toContain("nothing to apply");
    const doctor = await runGantry(["doctor", "--workspace", root], { env: { OPENAI_API_KEY: "" } });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain("migrations");
    expect(doctor.stdout).toMatch(/providers\s+none of/);
  });

  it("doctor fails when the store is unreachable", async () => {
    const root = temporaryWorkspace();
    writeFileSync(
      join(root, "gantry.config.ts"),
      `export default { store: { url: "postgres://nobody@127.0.0.1:1/none" } };`,
    );
    const doctor = await runGantry(["doctor", "--workspace", root]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/store\s+/);
  });
});
