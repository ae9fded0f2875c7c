import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { GantryError, sha256Hex } from "../core/index.js";
import type { PromptReference } from "./agent-definition.js";
import type { ResolvedPrompt } from "./runtime-spec.js";

// Until the prompts module's registry lands, an agent's prompt reference reads
// `prompts/<id>.prompt.md` from the workspace: YAML front matter, then the template, with
// `{{variable}}` filled from the reference's variables. Unfilled variables are left as they are.

function promptProblem(reference: PromptReference, file: string, problem: string): GantryError {
  return new GantryError({
    code: "PROMPT_NOT_FOUND",
    message: `Prompt "${reference.id}" (${file}): ${problem}`,
    domain: "PROMPT",
    category: "USER",
    details: { prompt: reference.id, file },
    hint: `Create prompts/${reference.id}.prompt.md with front matter (id, version) and the template, or fix the agent's prompt id.`,
  });
}

/** Reads and renders a prompt file of a workspace. */
export async function resolvePromptFile(root: string, reference: PromptReference): Promise<ResolvedPrompt> {
  const file = join(root, "prompts", `${reference.id}.prompt.md`);
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch {
    throw promptProblem(reference, file, "the file does not exist");
  }
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  const front = match ? (parseYaml(match[1] ?? "") as { version?: unknown } | null) : null;
  const template = match ? (match[2] ?? "") : source;
  const text = template.replace(
    /\{\{\s*([\w.-]+)\s*\}\}/g,
    (whole, name: string) => reference.variables?.[name] ?? whole,
  );
  const version = typeof front?.version === "string" ? front.version : undefined;
  return { id: reference.id, text: text.trim(), hash: sha256Hex(source), ...(version ? { version } : {}) };
}
