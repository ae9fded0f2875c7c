import { type ErrorCategory, GantryError, type JsonValue } from "../core/index.js";

// The store's error codes, in one place so their wording and categories stay consistent:
// STORE_UNAVAILABLE, STORE_URL_UNSUPPORTED, STORE_SCHEMA_TOO_NEW, STORE_INVALID_INPUT, RUN_NOT_FOUND,
// API_KEY_PREFIX_AMBIGUOUS.

/** The database cannot be opened or reached. */
export function storeUnavailable(options: {
  location: string;
  what: string;
  hint: string;
  category: ErrorCategory;
  cause: unknown;
}): GantryError {
  const causeMessage = describeCause(options.cause);
  return new GantryError({
    code: "STORE_UNAVAILABLE",
    message: `${options.what} at ${options.location}: ${causeMessage || "unknown error"}. ${options.hint}`,
    domain: "STORE",
    category: options.category,
    details: { location: options.location },
    hint: options.hint,
    cause: options.cause,
  });
}

// Node's happy-eyeballs connect throws an AggregateError with an empty message; its parts say what failed.
function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError && !cause.message) {
    return cause.errors.map((error) => (error instanceof Error ? error.message : String(error))).join("; ");
  }
  return cause instanceof Error ? cause.message : String(cause);
}

/** The database was migrated by a newer Gantry than this one. */
export function schemaTooNew(location: string, databaseVersion: number, knownVersion: number): GantryError {
  return new GantryError({
    code: "STORE_SCHEMA_TOO_NEW",
    message:
      `The database at ${location} has schema version ${databaseVersion}, but this Gantry only knows ` +
      `versions up to ${knownVersion}. Upgrade Gantry, or point it at another database.`,
    domain: "STORE",
    category: "USER",
    details: { location, databaseVersion, knownVersion },
    hint: "Upgrade the gantry package to the version that migrated this database.",
  });
}

/** A caller handed the store a value it cannot store faithfully. */
export function invalidInput(field: string, problem: string, details: Record<string, JsonValue> = {}) {
  return new GantryError({
    code: "STORE_INVALID_INPUT",
    message: `${field} ${problem}`,
    domain: "STORE",
    category: "USER",
    details: { field, ...details },
  });
}
