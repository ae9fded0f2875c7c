import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { GantryError } from "../../core/index.js";
import { openPromptsContext, type PromptsCommandContext } from "../workspace-prompts-context.js";

// What every `gantry prompts` subcommand shares: which prompt files it acts on, reading one with a
// clear error, and the opened workspace context that is always closed.

/** Prompt files to act on: the given paths or ids, else every `prompts/*.prompt.md`. */
export async function promptFiles(root: string, given: readonly string[]): Promise<string[]> {
  const folder = join(root, "prompts");
  if (given.length > 0) {
    return given.map((entry) =>
      entry.endsWith(".prompt.md") ? resolve(entry) : join(folder, `${entry}.prompt.md`),
    );
  }
  if (!existsSync(folder)) return [];
  return (await readdir(folder))
    .filter((name) => name.endsWith(".prompt.md"))
    .sort()
    .map((name) => join(folder, name));
}

export async function readPromptSource(file: string, root: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new GantryError({
      code: "PROMPT_NOT_FOUND",
      message: `There is no prompt file ${relative(root, file) || file}`,
      domain: "PROMPT",
      category: "USER",
      details: { file },
      hint: "Prompt files live in prompts/<id>.prompt.md; give an id or a path to one.",
    });
  }
}

export async function withContext<T>(command: Command, body: (context: PromptsCommandContext) => Promise<T>) {
  const context = await openPromptsContext(command);
  try {
    return await body(context);
  } finally {
    await context.close();
  }
}
