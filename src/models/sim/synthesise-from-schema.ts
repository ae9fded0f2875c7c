import type { JSONValue } from "@ai-sdk/provider";

type SchemaObject = Record<string, unknown>;

/** Chooses a string for a property (by name) when the schema leaves it free; tool arguments use this. */
export type StringChooser = (propertyName: string | undefined) => string | undefined;

const formatExamples: Record<string, string> = {
  "date-time": "2026-01-01T00:00:00.000Z",
  date: "2026-01-01",
  time: "00:00:00",
  email: "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  uuid: "00000000-0000-4000-8000-000000000000",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  hostname: "example.com",
};

// Recursive schemas ($ref cycles) stop here with the smallest value of the type.
const maxDepth = 12;

/**
 * The smallest value that satisfies a JSON schema, chosen deterministically: const, else the first
 * enum member, else the default, else by type (required properties only, minItems items, the lowest
 * allowed number, a string of minLength). `pattern` constraints are not solved.
 */
export function synthesiseFromSchema(schema: unknown, chooseString?: StringChooser): JSONValue {
  const root = asSchema(schema);
  return synthesise(root, root, undefined, 0, chooseString);
}

function synthesise(
  schema: SchemaObject,
  root: SchemaObject,
  propertyName: string | undefined,
  depth: number,
  chooseString: StringChooser | undefined,
): JSONValue {
  const resolved = resolveReference(schema, root);
  if ("const" in resolved) return resolved.const as JSONValue;
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0] as JSONValue;
  if ("default" in resolved && resolved.default !== undefined) return resolved.default as JSONValue;
  const next = (child: unknown, name?: string) =>
    synthesise(asSchema(child), root, name, depth + 1, chooseString);
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = resolved[key];
    if (Array.isArray(options) && options.length > 0) {
      // Prefer a non-null branch: `x | null` should give an x, which is what a model would write.
      const branch = options.find((option) => asSchema(option).type !== "null") ?? options[0];
      return next(branch, propertyName);
    }
  }
  if (Array.isArray(resolved.allOf) && resolved.allOf.length > 0) {
    const parts = resolved.allOf.map((part) => next(part, propertyName));
    if (parts.every((part) => part !== null && typeof part === "object" && !Array.isArray(part))) {
      return Object.assign({}, ...parts) as JSONValue;
    }
    return parts[0] ?? null;
  }
  switch (schemaType(resolved)) {
    case "object":
      return depth >= maxDepth ? {} : synthesiseObject(resolved, next);
    case "array":
      return depth >= maxDepth ? [] : synthesiseArray(resolved, next);
    case "string":
      return synthesiseString(resolved, propertyName, chooseString);
    case "integer":
      return synthesiseNumber(resolved, true);
    case "number":
      return synthesiseNumber(resolved, false);
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return {};
  }
}

function synthesiseObject(
  schema: SchemaObject,
  next: (child: unknown, name?: string) => JSONValue,
): JSONValue {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((key) => typeof key === "string")
    : [];
  const value: Record<string, JSONValue> = {};
  for (const key of required) value[key] = next(properties[key], key);
  const minProperties = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  for (const key of Object.keys(properties)) {
    if (Object.keys(value).length >= minProperties) break;
    if (!(key in value)) value[key] = next(properties[key], key);
  }
  return value;
}

function synthesiseArray(
  schema: SchemaObject,
  next: (child: unknown, name?: string) => JSONValue,
): JSONValue {
  const tuple = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : [];
  const itemSchema = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  const minItems = Math.max(typeof schema.minItems === "number" ? schema.minItems : 0, tuple.length);
  return Array.from({ length: minItems }, (_, index) =>
    next(index < tuple.length ? tuple[index] : itemSchema),
  );
}

function synthesiseString(
  schema: SchemaObject,
  propertyName: string | undefined,
  chooseString?: StringChooser,
): string {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  if (typeof schema.format === "string" && formatExamples[schema.format])
    return formatExamples[schema.format]!;
  const chosen = schema.pattern === undefined ? chooseString?.(propertyName) : undefined;
  const base = chosen ?? "";
  return base.slice(0, maxLength).padEnd(minLength, "x");
}

function synthesiseNumber(schema: SchemaObject, integer: boolean): number {
  // Smallest nudge past an exclusive bound that still changes a float of that size.
  const nudge = (bound: number) => Math.max(1e-9, Math.abs(bound) * 1e-9);
  const above = (bound: number) => (integer ? Math.floor(bound) + 1 : bound + nudge(bound));
  const below = (bound: number) => (integer ? Math.ceil(bound) - 1 : bound - nudge(bound));
  let low = Number.NEGATIVE_INFINITY;
  if (typeof schema.minimum === "number") low = schema.minimum;
  // Draft 7 writes exclusiveMinimum as a number; draft 4 as a boolean beside minimum.
  if (typeof schema.exclusiveMinimum === "number") low = Math.max(low, above(schema.exclusiveMinimum));
  if (schema.exclusiveMinimum === true && typeof schema.minimum === "number") low = above(schema.minimum);
  let high = Number.POSITIVE_INFINITY;
  if (typeof schema.maximum === "number") high = schema.maximum;
  if (typeof schema.exclusiveMaximum === "number") high = Math.min(high, below(schema.exclusiveMaximum));
  let value = Math.min(Math.max(0, low), high);
  if (integer) value = Math.ceil(value);
  const multipleOf =
    typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (multipleOf) value = Math.ceil(value / multipleOf) * multipleOf;
  return value;
}

function schemaType(schema: SchemaObject): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== "null") ?? schema.type[0];
  if (isObject(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function resolveReference(schema: SchemaObject, root: SchemaObject): SchemaObject {
  let current = schema;
  // Bounded so a self-referencing `$ref` cannot loop forever.
  for (let hops = 0; hops < 16 && typeof current.$ref === "string"; hops++) {
    const reference: string = current.$ref;
    if (!reference.startsWith("#")) return {};
    let target: unknown = root;
    for (const segment of reference.slice(1).split("/").filter(Boolean)) {
      target = isObject(target) ? target[segment.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    }
    current = asSchema(target);
  }
  return current;
}

function asSchema(value: unknown): SchemaObject {
  return isObject(value) ? value : {};
}

function isObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
