import type { ParsedPrompt } from "./parse-prompt-file.js";

// Static change classification between two versions of a prompt. A prompt is an API: its callers
// depend on its variables, its consumers on its output fields. Anything that can break either is
// major; anything only additive is minor; wording alone is patch. The dynamic half (replaying inputs
// and measuring divergence) builds on this and lives elsewhere.

export type PromptBump = "major" | "minor" | "patch" | "none";

/** One reason for a bump; `path` names the variable, output field or part that changed. */
export interface ChangeReason {
  bump: Exclude<PromptBump, "none">;
  path: string;
  message: string;
}

export interface ChangeClassification {
  /** The largest bump any reason needs. */
  bump: PromptBump;
  reasons: ChangeReason[];
}

const bumpOrder: readonly PromptBump[] = ["none", "patch", "minor", "major"];

/** Compares bumps: negative when `a` is smaller than `b`. */
export function compareBumps(a: PromptBump, b: PromptBump): number {
  return bumpOrder.indexOf(a) - bumpOrder.indexOf(b);
}

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typesOf(schema: Schema): string {
  const type = schema.type;
  if (type === undefined) return "any";
  return (Array.isArray(type) ? [...type].map(String).sort() : [String(type)]).join("|");
}

function requiredOf(schema: Schema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
}

function propertiesOf(schema: Schema): Record<string, Schema> {
  const properties = schema.properties;
  if (!isSchema(properties)) return {};
  return Object.fromEntries(
    Object.entries(properties).filter((entry): entry is [string, Schema] => isSchema(entry[1])),
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// Keywords compared structurally below; every other keyword is a constraint compared as a whole.
const structural = new Set(["type", "enum", "properties", "required", "items"]);
const documentation = new Set(["description", "title", "examples", "$comment"]);

function compareSchemas(before: Schema, after: Schema, path: string, reasons: ChangeReason[]): void {
  const typeBefore = typesOf(before);
  const typeAfter = typesOf(after);
  if (typeBefore !== typeAfter) {
    reasons.push({ bump: "major", path, message: `type changed from ${typeBefore} to ${typeAfter}` });
    return;
  }
  compareEnums(before, after, path, reasons);
  compareProperties(before, after, path, reasons);
  if (isSchema(before.items) && isSchema(after.items))
    compareSchemas(before.items, after.items, `${path}[]`, reasons);
  else if (isSchema(before.items) !== isSchema(after.items)) {
    reasons.push({ bump: "major", path: `${path}[]`, message: "the items schema was added or removed" });
  }
  const keywords = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const keyword of keywords) {
    if (structural.has(keyword) || same(before[keyword], after[keyword])) continue;
    const bump = documentation.has(keyword) ? "patch" : "minor";
    reasons.push({ bump, path, message: `'${keyword}' changed` });
  }
}

function compareEnums(before: Schema, after: Schema, path: string, reasons: ChangeReason[]): void {
  const valuesBefore = Array.isArray(before.enum)
    ? before.enum.map((value) => JSON.stringify(value))
    : undefined;
  const valuesAfter = Array.isArray(after.enum)
    ? after.enum.map((value) => JSON.stringify(value))
    : undefined;
  if (valuesBefore === undefined && valuesAfter === undefined) return;
  if (valuesBefore === undefined) {
    reasons.push({ bump: "major", path, message: "an enum now restricts the values" });
    return;
  }
  if (valuesAfter === undefined) {
    reasons.push({ bump: "minor", path, message: "the enum was lifted: any value of the type may appear" });
    return;
  }
  const removed = valuesBefore.filter((value) => !valuesAfter.includes(value));
  const added = valuesAfter.filter((value) => !valuesBefore.includes(value));
  if (removed.length > 0)
    reasons.push({ bump: "major", path, message: `enum value(s) removed: ${removed.join(", ")}` });
  if (added.length > 0)
    reasons.push({ bump: "minor", path, message: `enum value(s) added: ${added.join(", ")}` });
}

function compareProperties(before: Schema, after: Schema, path: string, reasons: ChangeReason[]): void {
  const propertiesBefore = propertiesOf(before);
  const propertiesAfter = propertiesOf(after);
  const requiredBefore = requiredOf(before);
  const requiredAfter = requiredOf(after);
  const added = Object.keys(propertiesAfter).filter((name) => !Object.hasOwn(propertiesBefore, name));
  for (const [name, schema] of Object.entries(propertiesBefore)) {
    const field = `${path}.${name}`;
    const next = propertiesAfter[name];
    if (next === undefined) {
      // A removed field next to an added one of the same shape is most likely a rename; say so.
      const renamedTo = added.find((candidate) => same(propertiesAfter[candidate], schema));
      const message = renamedTo ? `field renamed to '${renamedTo}'` : "field removed";
      reasons.push({ bump: "major", path: field, message });
      continue;
    }
    if (!requiredBefore.has(name) && requiredAfter.has(name)) {
      reasons.push({ bump: "major", path: field, message: "field made required" });
    } else if (requiredBefore.has(name) && !requiredAfter.has(name)) {
      reasons.push({
        bump: "major",
        path: field,
        message: "field made optional: consumers may no longer find it",
      });
    }
    compareSchemas(schema, next, field, reasons);
  }
  for (const name of added) {
    const required = requiredAfter.has(name);
    reasons.push({
      bump: required ? "major" : "minor",
      path: `${path}.${name}`,
      message: required ? "required field added" : "optional field added",
    });
  }
}

function compareVariables(before: ParsedPrompt, after: ParsedPrompt, reasons: ChangeReason[]): void {
  const variablesBefore = before.frontMatter.variables;
  const variablesAfter = after.frontMatter.variables;
  const added = Object.keys(variablesAfter).filter((name) => !Object.hasOwn(variablesBefore, name));
  for (const [name, variable] of Object.entries(variablesBefore)) {
    const path = `variables.${name}`;
    const next = variablesAfter[name];
    if (next === undefined) {
      const renamedTo = added.find((candidate) => variablesAfter[candidate]?.type === variable.type);
      const message = renamedTo ? `variable removed (renamed to '${renamedTo}'?)` : "variable removed";
      reasons.push({ bump: "major", path, message });
      continue;
    }
    if (next.type !== variable.type) {
      reasons.push({ bump: "major", path, message: `type changed from ${variable.type} to ${next.type}` });
    }
    if (!variable.required && next.required)
      reasons.push({ bump: "major", path, message: "variable made required" });
    if (variable.required && !next.required)
      reasons.push({ bump: "minor", path, message: "variable made optional" });
    if (variable.description !== next.description)
      reasons.push({ bump: "patch", path, message: "description changed" });
  }
  for (const name of added) {
    const required = variablesAfter[name]?.required ?? true;
    reasons.push({
      bump: required ? "major" : "minor",
      path: `variables.${name}`,
      message: required ? "required variable added" : "optional variable added",
    });
  }
}

function compareOutputs(before: ParsedPrompt, after: ParsedPrompt, reasons: ChangeReason[]): void {
  const outputBefore = before.frontMatter.output;
  const outputAfter = after.frontMatter.output;
  if (outputBefore === undefined && outputAfter === undefined) return;
  if (outputBefore === undefined) {
    reasons.push({ bump: "minor", path: "output", message: "an output schema was declared" });
    return;
  }
  if (outputAfter === undefined) {
    reasons.push({ bump: "major", path: "output", message: "the output schema was removed" });
    return;
  }
  compareSchemas(outputBefore, outputAfter, "output", reasons);
}

/** Classifies the change from `before` to `after`: what bump it needs and why. */
export function classifyPromptChange(before: ParsedPrompt, after: ParsedPrompt): ChangeClassification {
  const reasons: ChangeReason[] = [];
  compareVariables(before, after, reasons);
  compareOutputs(before, after, reasons);
  if (before.template !== after.template)
    reasons.push({ bump: "patch", path: "template", message: "wording changed" });
  if (!same(before.frontMatter.model, after.frontMatter.model)) {
    reasons.push({ bump: "patch", path: "model", message: "model hints changed" });
  }
  if (before.frontMatter.description !== after.frontMatter.description) {
    reasons.push({ bump: "patch", path: "description", message: "description changed" });
  }
  const bump = reasons.reduce<PromptBump>(
    (largest, reason) => (compareBumps(reason.bump, largest) > 0 ? reason.bump : largest),
    "none",
  );
  return { bump, reasons };
}
