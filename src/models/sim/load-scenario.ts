import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { formatIssues, GantryError } from "../../core/index.js";
import { type Scenario, type ScenarioInput, scenarioSchema } from "./scenario-schema.js";

const yamlExtensions = new Set([".yaml", ".yml"]);
const codeExtensions = new Set([".ts", ".mts", ".js", ".mjs"]);

/** Validates a scenario object; `file` names its source in the error a bad one gets. */
export function parseScenario(raw: unknown, file = "(inline scenario)", source?: string): Scenario {
  // reportInput lets a type error say what it got ("got the string \"yes\"").
  const parsed = scenarioSchema.safeParse(raw ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = formatIssues(parsed.error, source);
  const lines = problems.map((problem) => {
    const where = problem.line ? `${file}:${problem.line}` : file;
    return `  ${where}  ${problem.path}: ${problem.message}`;
  });
  throw new GantryError({
    code: "SIM_SCENARIO_INVALID",
    message: `Invalid sim scenario in ${file}:\n${lines.join("\n")}`,
    domain: "MODEL",
    category: "USER",
    details: { file, problems: problems.map((problem) => ({ ...problem })) },
    hint: "Fix the fields named above; docs/guides/sim-model.md describes the scenario format.",
  });
}

/** Loads one scenario file: YAML (`.yaml`, `.yml`) or TypeScript/JavaScript exporting it as default. */
export async function loadScenarioFile(file: string, root = process.cwd()): Promise<Scenario> {
  const path = resolve(root, file);
  const extension = extname(path).toLowerCase();
  if (yamlExtensions.has(extension)) {
    const source = await readSource(path);
    return parseScenario(parseYamlSource(source, path), path, source);
  }
  if (codeExtensions.has(extension)) {
    const source = await readSource(path);
    return parseScenario(await importCode(path), path, source);
  }
  throw loadFailure(
    path,
    `unsupported extension "${extension}"`,
    undefined,
    "Use .yaml, .yml, .ts, .mts, .js or .mjs.",
  );
}

/** Loads scenarios given as file paths (relative to `root`) or as objects, keeping their order. */
export async function loadScenarios(
  entries: ReadonlyArray<string | ScenarioInput>,
  root?: string,
): Promise<Scenario[]> {
  return Promise.all(
    entries.map((entry, index) =>
      typeof entry === "string"
        ? loadScenarioFile(entry, root)
        : parseScenario(entry, `(inline scenario ${index})`),
    ),
  );
}

async function readSource(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (cause) {
    throw loadFailure(path, "the file cannot be read", cause, "Check the path in models.sim.scenarios.");
  }
}

function parseYamlSource(source: string, path: string): unknown {
  try {
    return parseYaml(source, { prettyErrors: true });
  } catch (cause) {
    const line = cause instanceof YAMLParseError ? cause.linePos?.[0]?.line : undefined;
    const reason = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw loadFailure(
      line ? `${path}:${line}` : path,
      `not valid YAML: ${reason}`,
      cause,
      "Fix the YAML syntax.",
    );
  }
}

async function importCode(path: string): Promise<unknown> {
  // Fresh caches so an edited scenario is picked up by the next provider without a restart.
  // `gantry` resolves to this copy's public entry (as for gantry.config.ts), so a scenario file can
  // import defineScenario without the workspace installing gantry.
  const jiti = createJiti(import.meta.url, {
    alias: { gantry: fileURLToPath(new URL("../../index", import.meta.url)) },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
  try {
    return await jiti.import(path, { default: true });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw loadFailure(
      path,
      reason ?? "import failed",
      cause,
      "The file must `export default defineScenario({...})`.",
    );
  }
}

function loadFailure(where: string, reason: string, cause: unknown, hint: string): GantryError {
  return new GantryError({
    code: "SIM_SCENARIO_LOAD_FAILED",
    message: `Could not load sim scenario ${where}: ${reason}`,
    domain: "MODEL",
    category: "USER",
    details: { file: where },
    cause,
    hint,
  });
}
