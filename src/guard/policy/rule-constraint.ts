import { type ArgType, decimalText } from "./arg-types.js";
import { cedarPath, cedarString } from "./cedar-text.js";

// Argument constraints of the rules format, `issue_refund.amountUsd <= 100`: a tool, an argument path,
// an operator (<, <=, >, >=, ==, !=, in) and a JSON literal. The tool's input schema gives the
// argument's Cedar type, and with it the right Cedar expression (decimals compare with methods).
// An optional argument that is absent fails the constraint.

type RecordType = Extract<ArgType, { kind: "record" }>;

const decimalMethods: Record<string, string> = {
  "<": "lessThan",
  "<=": "lessThanOrEqual",
  ">": "greaterThan",
  ">=": "greaterThanOrEqual",
};

function literal(value: unknown, type: ArgType): string | undefined {
  switch (type.kind) {
    case "long":
      return Number.isSafeInteger(value) ? String(value) : undefined;
    case "decimal": {
      const text = typeof value === "number" ? decimalText(value) : undefined;
      return text === undefined ? undefined : `decimal(${cedarString(text)})`;
    }
    case "string":
      return typeof value === "string" ? cedarString(value) : undefined;
    case "boolean":
      return typeof value === "boolean" ? String(value) : undefined;
    default:
      return undefined;
  }
}

function comparison(
  subject: string,
  operator: string,
  value: unknown,
  type: ArgType,
): string | { problem: string } {
  if (type.kind === "set" || type.kind === "record") {
    return { problem: "only numbers, strings and booleans can be constrained" };
  }
  if (operator === "in") {
    if (!Array.isArray(value) || value.length === 0) return { problem: "`in` needs a non-empty JSON list" };
    const items = value.map((item) => literal(item, type));
    if (items.some((item) => item === undefined))
      return { problem: `every listed value must be a ${type.kind}` };
    return `[${items.join(", ")}].contains(${subject})`;
  }
  const right = literal(value, type);
  if (right === undefined) {
    const expected = type.kind === "decimal" ? "a number with at most 4 decimals" : `a ${type.kind}`;
    return { problem: `the value must be ${expected}` };
  }
  if (operator === "==" || operator === "!=") return `${subject} ${operator} ${right}`;
  if (type.kind === "long") return `${subject} ${operator} ${right}`;
  if (type.kind === "decimal") return `${subject}.${decimalMethods[operator]}(${right})`;
  return { problem: `${operator} compares numbers; a ${type.kind} takes == , != or in` };
}

/** The Cedar condition a constraint stands for, and its tool; or what is wrong with it. */
export function constraintCondition(
  check: string,
  tools: ReadonlyMap<string, RecordType>,
): { tool: string; condition: string } | { problem: string } {
  const match =
    /^([^\s<>=!]+)\s*(<=|>=|==|!=|<|>)\s*(.+)$/.exec(check) ?? /^([^\s<>=!]+)\s+(in)\s+(.+)$/.exec(check);
  if (!match) {
    return {
      problem: `"${check}" is not a constraint; write <tool>.<argument> <op> <value>, like issue_refund.amountUsd <= 100`,
    };
  }
  const [, left = "", operator = "", right = ""] = match;
  const tool = [...tools.keys()]
    .filter((name) => left.startsWith(`${name}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (!tool) {
    return {
      problem: `"${left}" does not start with a workspace tool's name (${[...tools.keys()].join(", ") || "no tools"})`,
    };
  }
  const path = left.slice(tool.length + 1).split(".");
  let value: unknown;
  try {
    value = JSON.parse(right);
  } catch {
    return { problem: `${right} is not a JSON value (quote strings: "delivered")` };
  }
  let type: ArgType = tools.get(tool) as RecordType;
  const guards: string[] = [];
  for (let depth = 0; depth < path.length; depth++) {
    const attribute: { type: ArgType; required: boolean } | undefined =
      type.kind === "record" ? type.attributes[path[depth] as string] : undefined;
    if (!attribute) {
      return { problem: `${tool} has no argument ${path.slice(0, depth + 1).join(".")} in its input schema` };
    }
    if (!attribute.required) {
      guards.push(
        `${cedarPath("context.args", path.slice(0, depth))} has ${cedarPathName(path[depth] as string)}`,
      );
    }
    type = attribute.type;
  }
  const compared = comparison(cedarPath("context.args", path), operator, value, type);
  if (typeof compared !== "string") return { problem: `${check}: ${compared.problem}` };
  return { tool, condition: [...guards, compared].join(" && ") };
}

function cedarPathName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : cedarString(name);
}
