import { readFile } from "node:fs/promises";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { GantryError } from "../../core/index.js";
import { type AgentSpec, agentSpecSchema } from "./spec-schema.js";

// Reads an agent's spec file and checks its shape; a wrong field names the file, line and path.

function lineOf(source: string, path: readonly PropertyKey[]): number | undefined {
  const counter = new LineCounter();
  const document = parseDocument(source, { lineCounter: counter });
  let node: unknown = document.contents;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}

function invalid(file: string, problems: string[]): GantryError {
  return new GantryError({
    code: "SPEC_INVALID",
    message: `Invalid agent spec ${file}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    domain: "POLICY",
    category: "USER",
    details: { file, problems },
    hint: "Fix the fields named above; docs/guides/specs.md lists every field.",
  });
}

/** Loads and validates `agents/<name>.spec.yaml`. */
export async function loadAgentSpec(file: string): Promise<AgentSpec> {
  const source = await readFile(file, "utf8");
  const document = parseDocument(source);
  if (document.errors.length > 0) {
    throw invalid(
      file,
      document.errors.map((error) => `${file}:${error.linePos?.[0].line ?? "?"}  ${error.message}`),
    );
  }
  const parsed = agentSpecSchema.safeParse(document.toJS());
  if (parsed.success) return parsed.data;
  throw invalid(
    file,
    parsed.error.issues.map((issue) => {
      const line = lineOf(source, issue.path);
      return `${file}${line ? `:${line}` : ""}  ${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`;
    }),
  );
}
