import { basename, extname } from "node:path";
import type { PromptfooConfig } from "./promptfoo-config-schema.js";
import { templateProblem } from "./render-promptfoo-template.js";

// promptfoo prompts: inline text, `file://` text files (several prompts separated by a `---` line),
// and chat prompts (a JSON list of { role, content }) with at most one system and one user message.
// Each becomes a user-message template and an optional system template.

export interface ImportedPrompt {
  /** promptfoo's label, else `prompt-<n>` (or the file's name). */
  label: string;
  /** The user message template. */
  user: string;
  /** The system message template of a chat prompt. */
  system?: string;
  /** Where it came from, for messages. */
  origin: string;
}

/** A prompt the importer cannot represent; `path` is its place in the config. */
export class PromptfooImportProblem extends Error {
  constructor(
    readonly path: PropertyKey[],
    message: string,
  ) {
    super(message);
  }
}

function chatPrompt(
  text: string,
  label: string,
  origin: string,
  path: PropertyKey[],
): ImportedPrompt | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("[")) return undefined;
  let messages: unknown;
  try {
    messages = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(messages) ||
    !messages.every((message) => typeof message?.role === "string" && typeof message?.content === "string")
  ) {
    return undefined;
  }
  const system = messages.filter((message) => message.role === "system");
  const user = messages.filter((message) => message.role === "user");
  if (system.length > 1 || user.length !== 1 || messages.length !== system.length + user.length) {
    throw new PromptfooImportProblem(
      path,
      `chat prompt ${origin}: only one optional system message and one user message are imported (multi-turn prompts are not)`,
    );
  }
  return { label, user: user[0].content, ...(system[0] ? { system: system[0].content } : {}), origin };
}

function promptsOfText(
  text: string,
  label: string,
  origin: string,
  path: PropertyKey[],
  split: boolean,
): ImportedPrompt[] {
  const chat = chatPrompt(text, label, origin, path);
  if (chat) return [chat];
  const parts = split
    ? text
        .split(/^---[ \t]*$/m)
        .map((part) => part.trim())
        .filter((part) => part !== "")
    : [text];
  return parts.map((part, index) => ({
    label: parts.length > 1 ? `${label}-${index + 1}` : label,
    user: part,
    origin,
  }));
}

function fromFile(
  reference: string,
  label: string | undefined,
  path: PropertyKey[],
  readText: (file: string) => string,
): ImportedPrompt[] {
  const file = reference.slice("file://".length);
  const extension = extname(file).toLowerCase();
  if (/[*?[]/.test(file) || ![".txt", ".md", ".j2", ".json", ".prompt", ""].includes(extension)) {
    throw new PromptfooImportProblem(
      path,
      `prompt ${reference}: only text and JSON chat prompt files are imported (no globs, scripts or ${extension} files)`,
    );
  }
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    throw new PromptfooImportProblem(path, `prompt ${reference} cannot be read: ${(error as Error).message}`);
  }
  return promptsOfText(text, label ?? basename(file, extension), reference, path, extension !== ".json");
}

function checked(prompts: ImportedPrompt[], path: PropertyKey[]): ImportedPrompt[] {
  for (const prompt of prompts) {
    for (const template of [prompt.user, prompt.system]) {
      const problem = template === undefined ? undefined : templateProblem(template);
      if (problem) throw new PromptfooImportProblem(path, `prompt ${prompt.origin} ${problem}`);
    }
  }
  return prompts;
}

/** Reads every prompt of the config, with its templates checked. */
export function readPromptfooPrompts(
  config: PromptfooConfig,
  readText: (file: string) => string,
): ImportedPrompt[] {
  const entries = typeof config.prompts === "string" ? [config.prompts] : config.prompts;
  return entries.flatMap((entry, index): ImportedPrompt[] => {
    const path = typeof config.prompts === "string" ? ["prompts"] : ["prompts", index];
    const fallback = `prompt-${index + 1}`;
    if (typeof entry === "string") {
      return checked(
        entry.startsWith("file://")
          ? fromFile(entry, undefined, path, readText)
          : promptsOfText(entry, fallback, `prompts[${index}]`, path, false),
        path,
      );
    }
    const reference = entry.raw ?? entry.id;
    if (reference === undefined) throw new PromptfooImportProblem(path, "a prompt object needs raw or id");
    return checked(
      reference.startsWith("file://") && entry.raw === undefined
        ? fromFile(reference, entry.label, path, readText)
        : promptsOfText(reference, entry.label ?? fallback, `prompts[${index}]`, path, false),
      path,
    );
  });
}
