import type { StoredPromptVersion } from "../../store/index.js";
import type { ParsedPrompt } from "../parse-prompt-file.js";
import { parsePromptFile } from "../parse-prompt-file.js";
import type { PromptVersionInfo } from "../registry-spec.js";

// The registry keeps the source as pushed; front matter and template are always re-derived from it,
// so what is served can never disagree with the hashed text.

/** A stored version as the registry hands it out. */
export function toVersionInfo(stored: StoredPromptVersion): PromptVersionInfo {
  const parsed = parsePromptFile(stored.source, `${stored.promptId}@${stored.version}`);
  return {
    id: stored.promptId,
    version: stored.version,
    hash: stored.hash,
    source: stored.source,
    frontMatter: parsed.frontMatter,
    template: parsed.template,
    message: stored.message,
    author: stored.author,
    createdAt: stored.createdAt,
  };
}

/** A version info in the shape the change classifier and the bump check take. */
export function toParsedPrompt(info: PromptVersionInfo): ParsedPrompt {
  return {
    frontMatter: info.frontMatter,
    template: info.template,
    hash: info.hash,
    file: `${info.id}@${info.version}`,
  };
}
