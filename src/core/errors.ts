/** Domains a GantryError can belong to; stable, documented in docs/reference/errors.md. */
export const errorDomains = [
  "CORE",
  "CONFIG",
  "STORE",
  "TELEMETRY",
  "MODEL",
  "AGENT",
  "TOOL",
  "POLICY",
  "BUDGET",
  "PROMPT",
  "EVAL",
  "SERVER",
  "CLI",
  "AUTH",
] as const;
export type ErrorDomain = (typeof errorDomains)[number];

/** Who is to blame: the user, our system, a third party (provider, database) or the model's behaviour. */
export type ErrorCategory = "USER" | "SYSTEM" | "THIRD_PARTY" | "MODEL_BEHAVIOR";

/** JSON-safe value, so details survive `toJSON()` and the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface GantryErrorOptions {
  code: string;
  message: string;
  domain: ErrorDomain;
  category: ErrorCategory;
  details?: Record<string, JsonValue>;
  cause?: unknown;
  /** A short instruction telling the user what to do next. */
  hint?: string;
}

export interface GantryErrorJSON {
  name: "GantryError";
  code: string;
  message: string;
  domain: ErrorDomain;
  category: ErrorCategory;
  details: Record<string, JsonValue>;
  hint?: string;
  cause?: { name: string; message: string; code?: string };
}

// Symbol.for survives duplicate copies of this package in one process (the AI SDK marker trick).
const marker = Symbol.for("gantry.error");

/** The one error type every Gantry module throws. Codes are UPPER_SNAKE and stable. */
export class GantryError extends Error {
  readonly [marker] = true;
  readonly code: string;
  readonly domain: ErrorDomain;
  readonly category: ErrorCategory;
  readonly details: Record<string, JsonValue>;
  readonly hint: string | undefined;

  constructor(options: GantryErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GantryError";
    this.code = options.code;
    this.domain = options.domain;
    this.category = options.category;
    this.details = options.details ?? {};
    this.hint = options.hint;
  }

  /** True for any GantryError, even one created by another copy of this package. */
  static isInstance(value: unknown): value is GantryError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** Wraps any thrown value into a GantryError, keeping GantryErrors as they are. */
  static from(value: unknown, fallback: Omit<GantryErrorOptions, "message" | "cause">): GantryError {
    if (GantryError.isInstance(value)) return value;
    const message = value instanceof Error ? value.message : String(value);
    return new GantryError({ ...fallback, message, cause: value });
  }

  toJSON(): GantryErrorJSON {
    const json: GantryErrorJSON = {
      name: "GantryError",
      code: this.code,
      message: this.message,
      domain: this.domain,
      category: this.category,
      details: this.details,
    };
    if (this.hint !== undefined) json.hint = this.hint;
    const cause = this.cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      json.cause = {
        name: cause.name,
        message: cause.message,
        ...(typeof code === "string" ? { code } : {}),
      };
    }
    return json;
  }
}
