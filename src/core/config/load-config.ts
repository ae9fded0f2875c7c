import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";
import { GantryError } from "../errors.js";
import { configSchema, type GantryConfig } from "./config-schema.js";
import { formatIssues } from "./format-issues.js";

/** Config file names looked for in a workspace, in order. */
export const configFileNames = [
  "gantry.config.ts",
  "gantry.config.mts",
  "gantry.config.js",
  "gantry.config.mjs",
];

/** A loaded workspace: its folder, the config file (if any) and the validated config. */
export interface Workspace {
  root: string;
  configFile: string | undefined;
  config: GantryConfig;
}

// The package's public entry next to this module: src/index.ts under tsx/vitest, dist/index.js when built.
function publicEntry(): string {
  return fileURLToPath(new URL("../../index", import.meta.url));
}

/** Finds the config file in `root`, or undefined when the workspace has none. */
export function findConfigFile(root: string): string | undefined {
  for (const name of configFileNames) {
    const file = join(root, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Validates a raw config object; `file` names the source in error messages. */
export function parseConfig(raw: unknown, file = "(inline config)", source?: string): GantryConfig {
  const parsed = configSchema.safeParse(raw ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = formatIssues(parsed.error, source);
  const shortFile = file;
  const lines = problems.map((problem) => {
    const where = problem.line ? `${shortFile}:${problem.line}` : shortFile;
    return `  ${where}  ${problem.path}: ${problem.message}`;
  });
  throw new GantryError({
    code: "CONFIG_INVALID",
    message: `Invalid configuration in ${shortFile}:\n${lines.join("\n")}`,
    domain: "CONFIG",
    category: "USER",
    details: { file, problems: problems.map((problem) => ({ ...problem })) },
    hint: "Fix the fields named above; `gantry doctor` re-checks the workspace.",
  });
}

/** Loads and validates a workspace's `gantry.config.ts` (with jiti: no build step needed). */
export async function loadWorkspace(rootInput = process.cwd()): Promise<Workspace> {
  const root = resolve(rootInput);
  if (!existsSync(root)) {
    throw new GantryError({
      code: "WORKSPACE_NOT_FOUND",
      message: `Workspace folder ${root} does not exist`,
      domain: "CONFIG",
      category: "USER",
      details: { root },
      hint: "Create one with `gantry init <dir>` or pass an existing folder with --workspace.",
    });
  }
  const configFile = findConfigFile(root);
  if (!configFile) return { root, configFile: undefined, config: parseConfig({}) };
  // Alias `gantry` to this very copy, so a workspace's `import { defineConfig } from "gantry"`
  // resolves even when the workspace has no node_modules of its own.
  const jiti = createJiti(import.meta.url, {
    alias: { gantry: publicEntry() },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
  let raw: unknown;
  try {
    raw = await jiti.import(configFile, { default: true });
  } catch (cause) {
    throw new GantryError({
      code: "CONFIG_LOAD_FAILED",
      message: `Could not load ${configFile}: ${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}`,
      domain: "CONFIG",
      category: "USER",
      details: { file: configFile },
      cause,
      hint: "The file must `export default defineConfig({...})` and be valid TypeScript.",
    });
  }
  return { root, configFile, config: parseConfig(raw, configFile, readFileSync(configFile, "utf8")) };
}
