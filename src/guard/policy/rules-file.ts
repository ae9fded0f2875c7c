import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import type { PolicyProblem } from "./policy-errors.js";

// The built-in rules format, `policies/*.rules.yaml`: allow and deny lists per agent and the other
// everyday rules, for teams that would rather not write Cedar. Each file is compiled to Cedar
// (rules-to-cedar.ts), so one engine decides. Reading keeps every entry's line for ids and errors.

const name = z.string().trim().min(1);
const glob = name.regex(/^[^\s]+$/, "a name or a glob with *, without spaces");

const constraintSchema = z.union([
  name,
  z
    .object({
      check: name,
      otherwise: z.enum(["deny", "requireApproval"]).default("deny"),
      reason: name.optional(),
      invariant: name.optional(),
    })
    .strict(),
]);

const ruleSchema = z
  .object({
    agent: z.union([name, z.array(name).min(1)]),
    allow: z.array(glob).optional(),
    deny: z.array(glob).optional(),
    requireApproval: z.array(glob).optional(),
    constraints: z.array(constraintSchema).optional(),
    models: z.array(glob).optional(),
    egress: z.array(glob).optional(),
    reason: name.optional(),
    invariant: name.optional(),
  })
  .strict();

const rulesFileSchema = z.object({ rules: z.array(ruleSchema) }).strict();

export type Rule = z.infer<typeof ruleSchema>;
export type RuleConstraint = z.infer<typeof constraintSchema>;

/** A rule with the lines of the rule and of each list entry. */
export interface LocatedRule {
  rule: Rule;
  file: string;
  line: number;
  /** The line of an entry: `lineOf("allow", 2)`; the rule's line when unknown. */
  lineOf(field: string, index?: number): number;
}

function nodeAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else return undefined;
  }
  return node;
}

/** Reads a rules file; problems carry file:line:column. */
export function readRulesFile(
  file: string,
  text: string,
): { rules: LocatedRule[] } | { problems: PolicyProblem[] } {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      problems: document.errors.map((error) => {
        const position = counter.linePos(error.pos[0]);
        return { file, line: position.line, column: position.col, message: error.message };
      }),
    };
  }
  const lineAt = (path: readonly PropertyKey[]): number | undefined => {
    let node = nodeAt(document.contents, path);
    // A key with no usable value: fall back to the nearest parent that has a place in the file.
    for (let depth = path.length; !node && depth > 0; depth--)
      node = nodeAt(document.contents, path.slice(0, depth - 1));
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? counter.linePos(range[0]).line : undefined;
  };
  const parsed = rulesFileSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        file,
        ...(lineAt(issue.path) === undefined ? {} : { line: lineAt(issue.path) }),
        message: `${issue.path.map(String).join(".") || "(file)"}: ${issue.message}`,
      })),
    };
  }
  return {
    rules: parsed.data.rules.map((rule, index) => {
      const line = lineAt(["rules", index]) ?? 1;
      return {
        rule,
        file,
        line,
        lineOf: (field: string, entry?: number) =>
          lineAt(entry === undefined ? ["rules", index, field] : ["rules", index, field, entry]) ?? line,
      };
    }),
  };
}
