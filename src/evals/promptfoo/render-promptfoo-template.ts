import type { JsonValue } from "../../core/index.js";

// promptfoo prompts are Nunjucks templates. The importer renders only variable substitution —
// `{{ name }}` and `{{ name.field }}` — which is what nearly every promptfoo config uses; filters,
// `{% … %}` tags and expressions are reported as unsupported instead of being rendered wrongly.

const placeholder = /\{\{\s*([^}]*?)\s*\}\}/g;
const variablePath = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** Why a template uses more than variable substitution, or undefined when it does not. */
export function templateProblem(template: string): string | undefined {
  if (/\{%|\{#/.test(template))
    return "uses Nunjucks tags ({% … %} or {# … #}); only {{ variable }} substitution is imported";
  for (const match of template.matchAll(placeholder)) {
    if (!variablePath.test(match[1]!)) {
      return `uses {{ ${match[1]} }}; only {{ variable }} and {{ variable.field }} are imported (no filters or expressions)`;
    }
  }
  return undefined;
}

function lookup(vars: Record<string, JsonValue>, path: string): JsonValue | undefined {
  let value: JsonValue | undefined = vars;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** Fills `{{ name }}` placeholders; objects as JSON, a missing variable as empty text (as Nunjucks does). */
export function renderPromptfooTemplate(template: string, vars: Record<string, JsonValue>): string {
  return template.replace(placeholder, (_, path: string) => {
    const value = lookup(vars, path);
    if (value === undefined || value === null) return "";
    return typeof value === "string"
      ? value
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  });
}

/** The variable names a template reads (the first segment of each path). */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(placeholder)].map((match) => match[1]!.split(".")[0]!))];
}
