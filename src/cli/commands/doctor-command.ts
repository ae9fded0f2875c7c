import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { GantryError, loadWorkspace } from "../../core/index.js";
import { dashboardFolder } from "../../server/index.js";
import { openStore } from "../../store/index.js";
import { type GlobalOptions, storeUrl, workspaceRoot } from "../cli-context.js";
import { check } from "../output.js";

interface Finding {
  name: string;
  ok: boolean;
  detail: string;
  /** A failed required check makes doctor exit 1; optional ones only inform. */
  required: boolean;
}

const providerVariables = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "OLLAMA_BASE_URL"];

/** True when `version` (e.g. v20.19.1) is at least major.minor. */
export function nodeVersionAtLeast(version: string, major: number, minor: number): boolean {
  const [actualMajor = 0, actualMinor = 0] = version.replace(/^v/, "").split(".").map(Number);
  return actualMajor > major || (actualMajor === major && actualMinor >= minor);
}

/** `gantry doctor`: checks the machine and the workspace, and says what to fix. */
export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("check Node, the workspace config, the store, migrations and provider keys")
    .action(async (_options: unknown, command: Command) => {
      const findings = await diagnose(command.optsWithGlobals<GlobalOptions>());
      for (const finding of findings) {
        const mark = finding.ok ? check(true) : finding.required ? check(false) : pc.yellow("!");
        console.log(`${mark} ${finding.name.padEnd(14)} ${finding.detail}`);
      }
      if (findings.some((finding) => finding.required && !finding.ok)) process.exitCode = 1;
    });
}

async function diagnose(options: GlobalOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  findings.push({
    name: "node",
    ok: nodeVersionAtLeast(process.version, 20, 19),
    detail: `${process.version} (needs >= 20.19)`,
    required: true,
  });
  const root = workspaceRoot(options);
  let workspace: Awaited<ReturnType<typeof loadWorkspace>>;
  try {
    workspace = await loadWorkspace(root);
    findings.push({
      name: "config",
      ok: true,
      detail:
        workspace.configFile ??
        `no gantry.config.ts in ${root}: using defaults (create one with gantry init)`,
      required: true,
    });
  } catch (error) {
    findings.push({ name: "config", ok: false, detail: messageOf(error), required: true });
    return findings;
  }
  try {
    const store = await openStore({ url: storeUrl(workspace), root: workspace.root, migrate: false });
    try {
      findings.push({ name: "store", ok: true, detail: `${store.kind} ${store.location}`, required: true });
      const status = await store.migrations.status();
      const pending = status.filter((migration) => !migration.appliedAt).length;
      findings.push({
        name: "migrations",
        ok: pending === 0,
        detail:
          pending === 0
            ? `current (${status.length} applied)`
            : `${pending} pending: run \`gantry db migrate\``,
        required: true,
      });
    } finally {
      await store.close();
    }
  } catch (error) {
    findings.push({ name: "store", ok: false, detail: messageOf(error), required: true });
  }
  const present = providerVariables.filter((name) => process.env[name]);
  findings.push({
    name: "providers",
    ok: present.length > 0,
    detail:
      present.length > 0
        ? `${present.join(", ")} set; sim is always available`
        : `none of ${providerVariables.join(", ")} set: the sim model serves every call`,
    required: false,
  });
  const dashboard = existsSync(join(dashboardFolder(), "index.html"));
  findings.push({
    name: "dashboard",
    ok: dashboard,
    detail: dashboard ? dashboardFolder() : "not built: run `npm run build` in the gantry package",
    required: false,
  });
  return findings;
}

function messageOf(error: unknown): string {
  if (GantryError.isInstance(error))
    return error.hint ? `${error.message}\n    ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}
