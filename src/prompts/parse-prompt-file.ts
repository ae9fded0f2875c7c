import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { GantryError, sha256Hex } from "../core/index.js";
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

function invalid(file: string, problems: string[], extra: Record<string, string> = {}): GantryError {
  return new GantryError({
    code: "PROMPT_INVALID",
    message: `Invalid prompt file ${file}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    domain: "PROMPT",
    category: "USER",
    details: { file, problems, ...extra },
    hint: "Fix the fields named above; a prompt file is '---', YAML front matter, '---', then the template.",
  });
}

// A record key's own message ("Invalid key in record") hides the expectation; the nested issue has it.
function expectation(issue: { code: string; message: string; issues?: { message: string }[] }): string {
  const nested = issue.code === "invalid_key" ? issue.issues?.[0]?.message : undefined;
  return nested ? `invalid name, expected ${nested}` : issue.message;
}

// Walks the YAML document along a zod issue path to the deepest node that exists, for its line.
function lineOf(
  document: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: readonly PropertyKey[],
): number | undefined {
  let node: unknown = document.contents;
  let range = (node as { range?: [number, number, number] } | null)?.range;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
    const next = (node as { range?: [number, number, number] } | undefined)?.range;
    if (!next) break;
    range = next;
  }
  return range ? counter.linePos(range[0]).line : undefined;
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
  const yamlText = lines.slice(1, closing).join("\n");
  const counter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter: counter });
  // Front matter starts on line 2 of the file, YAML line 1.
  const offset = 1;
  if (document.errors.length > 0) {
    throw invalid(
      file,
      document.errors.map(
        (error) => `${file}:${(error.linePos?.[0].line ?? 0) + offset || "?"}  ${error.message}`,
      ),
    );
  }
  const parsed = promptFrontMatterSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    throw invalid(
      file,
      parsed.error.issues.map((issue) => {
        const line = lineOf(document, counter, issue.path);
        const where = line === undefined ? file : `${file}:${line + offset}`;
        return `${where}  ${issue.path.map(String).join(".") || "(front matter)"}: ${expectation(issue)}`;
      }),
    );
  }
  return { frontMatter: parsed.data, template, hash: sha256Hex(source), file };
}
