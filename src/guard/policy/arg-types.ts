import type { JsonValue } from "../../core/index.js";

// Tool arguments as Cedar values. A tool's input JSON Schema fixes each argument's Cedar type, so one
// field always has one type whatever the call sends:
//   integer -> Long, number -> decimal (Cedar's fixed point, 4 fraction digits), string -> String,
//   boolean -> Boolean, array -> Set, object -> Record (declared properties only).
// Anything else (null, unions, tuples, $ref) is left out of the schema and of the context. A value
// that does not fit its type (a number with more than 4 fraction digits, an integer beyond 2^53) is
// left out of the context, so a policy that reads it fails to evaluate and the call is denied.
// A record carrying a key that starts with "__" is never passed: Cedar's JSON reads `__entity` and
// `__extn` as entity references and extension values, and arguments must not be able to forge those.

export type ArgType =
  | { kind: "long" }
  | { kind: "decimal" }
  | { kind: "string" }
  | { kind: "boolean" }
  | { kind: "set"; element: ArgType }
  | { kind: "record"; attributes: Record<string, { type: ArgType; required: boolean }> };

/** A Cedar JSON value (the `context` / `attrs` format of cedar-wasm). */
export type CedarValue =
  | string
  | number
  | boolean
  | CedarValue[]
  | { __extn: { fn: string; arg: string } }
  | { [key: string]: CedarValue };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The Cedar type of a JSON Schema, or undefined when it has none we map. */
export function argTypeOf(schema: unknown): ArgType | undefined {
  if (!isObject(schema)) return undefined;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    if (schema.enum.every((item) => typeof item === "string")) return { kind: "string" };
    if (schema.enum.every((item) => typeof item === "boolean")) return { kind: "boolean" };
    if (schema.enum.every((item) => Number.isSafeInteger(item))) return { kind: "long" };
    return undefined;
  }
  if (typeof schema.const === "string") return { kind: "string" };
  switch (schema.type) {
    case "integer":
      return { kind: "long" };
    case "number":
      return { kind: "decimal" };
    case "string":
      return { kind: "string" };
    case "boolean":
      return { kind: "boolean" };
    case "array": {
      const element = argTypeOf(schema.items);
      return element ? { kind: "set", element } : undefined;
    }
    case "object": {
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const attributes: Record<string, { type: ArgType; required: boolean }> = {};
      const properties = isObject(schema.properties) ? schema.properties : {};
      for (const [name, property] of Object.entries(properties)) {
        if (name.startsWith("__")) continue;
        const type = argTypeOf(property);
        if (type) attributes[name] = { type, required: required.has(name) };
      }
      return { kind: "record", attributes };
    }
    default:
      return undefined;
  }
}

/** The Cedar schema (JSON) type of an argument type. */
export function cedarSchemaType(type: ArgType): Record<string, unknown> {
  switch (type.kind) {
    case "long":
      return { type: "Long" };
    case "decimal":
      return { type: "Extension", name: "decimal" };
    case "string":
      return { type: "String" };
    case "boolean":
      return { type: "Boolean" };
    case "set":
      return { type: "Set", element: cedarSchemaType(type.element) };
    case "record":
      return {
        type: "Record",
        attributes: Object.fromEntries(
          Object.entries(type.attributes).map(([name, attribute]) => [
            name,
            { ...cedarSchemaType(attribute.type), required: attribute.required },
          ]),
        ),
      };
  }
}

// Cedar decimals: at most 4 fraction digits, |value| < 2^63 / 10^4.
const decimalLimit = 922_337_203_685_477;

/** A number as a Cedar decimal literal (`"42.5"`, `"100.0"`), or undefined when it cannot be one exactly. */
export function decimalText(value: number): string | undefined {
  if (!Number.isFinite(value) || Math.abs(value) >= decimalLimit) return undefined;
  if (Number.isInteger(value)) return `${value}.0`;
  const text = String(value);
  const match = /^-?\d+\.(\d{1,4})$/.exec(text);
  return match ? text : undefined;
}

function decimal(value: number): CedarValue | undefined {
  const text = decimalText(value);
  return text === undefined ? undefined : { __extn: { fn: "decimal", arg: text } };
}

function forgesEscape(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((key) => key.startsWith("__"));
}

/** A JSON value as the Cedar value of `type`; undefined when it does not fit (left out). */
export function toCedarValue(value: JsonValue | undefined, type: ArgType): CedarValue | undefined {
  switch (type.kind) {
    case "long":
      return Number.isSafeInteger(value) ? (value as number) : undefined;
    case "decimal":
      return typeof value === "number" ? decimal(value) : undefined;
    case "string":
      return typeof value === "string" ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
    case "set": {
      if (!Array.isArray(value)) return undefined;
      const items: CedarValue[] = [];
      for (const item of value) {
        const mapped = toCedarValue(item, type.element);
        // A set with a hole would make `contains` lie; leave the whole set out instead.
        if (mapped === undefined) return undefined;
        items.push(mapped);
      }
      return items;
    }
    case "record": {
      if (!isObject(value) || forgesEscape(value)) return undefined;
      const record: Record<string, CedarValue> = {};
      for (const [name, attribute] of Object.entries(type.attributes)) {
        const mapped = toCedarValue(value[name] as JsonValue | undefined, attribute.type);
        if (mapped !== undefined) record[name] = mapped;
      }
      return record;
    }
  }
}

/**
 * A JSON value mapped by its own shape, for tools whose input schema the workspace did not declare:
 * integral numbers are Longs, other numbers decimals, arrays sets, objects records, null left out.
 */
export function toCedarValueByShape(value: JsonValue | undefined): CedarValue | undefined {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : decimal(value);
  if (Array.isArray(value)) {
    const items: CedarValue[] = [];
    for (const item of value) {
      const mapped = toCedarValueByShape(item);
      if (mapped === undefined) return undefined;
      items.push(mapped);
    }
    return items;
  }
  if (isObject(value)) {
    if (forgesEscape(value)) return undefined;
    const record: Record<string, CedarValue> = {};
    for (const [name, item] of Object.entries(value)) {
      const mapped = toCedarValueByShape(item as JsonValue);
      if (mapped !== undefined) record[name] = mapped;
    }
    return record;
  }
  return undefined;
}
