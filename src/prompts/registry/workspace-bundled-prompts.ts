import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type ParsedPrompt, parsePromptFile } from "../parse-prompt-file.js";

// The prompt files shipped with the app are the last line of defence when the registry cannot
// answer. A missing file is "no bundled copy"; a malformed one is an error the user must fix.

/** Reads `<rootDir>/prompts/<id>.prompt.md`; undefined when the file does not exist. */
export function workspaceBundledPrompts(rootDir: string): (id: string) => Promise<ParsedPrompt | undefined> {
  return async (id) => {
    // Ids are kebab-case; anything else would let a caller read outside prompts/.
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return undefined;
    const file = join(rootDir, "prompts", `${id}.prompt.md`);
    let source: string;
    try {
      source = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    return parsePromptFile(source, file);
  };
}
