import {
  describeYamlIssues,
  type GantryError,
  invalidYamlFile,
  parseLocatedYaml,
  sha256Hex,
} from "../core/index.js";
import { type PromptFrontMatter, promptFrontMatterSchema } from "./prompt-file-schema.js";

// Splits a prompt file into front matter and template and validates the front matter. A mistake names
// file:line, the field path and what was expected, because prompt files are edited by hand in PRs.

/** A prompt file after parsing: its validated front matter, its template and the source's hash. */
export interface ParsedPrompt {
  frontMatter: PromptFrontMatter;
  template: string;
  /** sha256 of the whole source: the identity recorded on spans and in the registry. */
  hash: string;
  file: string;
}

const delimiter = /^---[ \t]*$/;

function invalid(file: string, problems: string[]): GantryError {
  return invalidYamlFile({
    domain: "PROMPT",
    code: "PROMPT_INVALID",
    what: "prompt file",
    file,
    problems,
    hint: "Fix the fields named above; a prompt file is '---', YAML front matter, '---', then the template.",
  });
}

/** Parses the text of `prompts/<id>.prompt.md`; throws PROMPT_INVALID naming file:line, field and expectation. */
export function parsePromptFile(source: string, file: string): ParsedPrompt {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!delimiter.test(lines[0] ?? "")) {
    throw invalid(file, [`${file}:1  the file must start with a '---' line opening the front matter`]);
  }
  const closing = lines.findIndex((line, index) => index > 0 && delimiter.test(line));
  if (closing < 0) {
    throw invalid(file, [`${file}:1  the front matter opened on line 1 is never closed by a '---' line`]);
  }
  const template = lines
    .slice(closing + 1)
    .join("\n")
    .replace(/^\n+/, "")
    .replace(/\s+$/, "");
  if (template.length === 0) {
    throw invalid(file, [`${file}:${closing + 2}  the prompt has no template after the front matter`]);
  }
  // Front matter starts on line 2 of the file, YAML line 1.
  const located = parseLocatedYaml(lines.slice(1, closing).join("\n"), file, 1);
  if (located.syntaxProblems.length > 0) throw invalid(file, located.syntaxProblems);
  const parsed = promptFrontMatterSchema.safeParse(located.value);
  if (!parsed.success) {
    throw invalid(file, describeYamlIssues(located, parsed.error.issues, "(front matter)"));
  }
  return { frontMatter: parsed.data, template, hash: sha256Hex(source), file };
}
