import { type Dialect, PostgresDialect } from "kysely";
import pg from "pg";
import { GantryError } from "../core/index.js";
import { PreparingClient } from "./postgres-prepared-client.js";
import { storeUnavailable } from "./store-errors.js";

const int8Oid = 20;

// pg returns int8 (bigint columns, count(*)) as strings because they may exceed 2^53. Our int8 columns
// hold micro-USD and counters that stay far below that, so this pool (and only this pool, not the
// process-wide pg.types) parses them as numbers, refusing values that would lose precision.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === int8Oid && format !== "binary") return parseInt8;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new GantryError({
      code: "STORE_INTEGER_OVERFLOW",
      message: `The database returned the integer ${text}, beyond what JavaScript numbers hold exactly`,
      domain: "STORE",
      category: "SYSTEM",
      details: { value: text },
    });
  }
  return value;
}

/** A Postgres schema name we are willing to splice into `search_path`. */
function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new GantryError({
      code: "STORE_INVALID_INPUT",
      message: `Postgres schema name "${schema}" must be lower-case letters, digits and underscores`,
      domain: "STORE",
      category: "USER",
      details: { schema },
    });
  }
  return schema;
}

/**
 * Creates the pool, proves the server answers (so a wrong url fails at open, not at first query) and,
 * when a schema is given, creates it and makes it the pool's search_path.
 */
export async function connectPostgres(url: string, location: string, schema?: string): Promise<Dialect> {
  const schemaName = schema === undefined ? undefined : checkSchemaName(schema);
  const pool = new pg.Pool({
    connectionString: url,
    Client: PreparingClient,
    types,
    connectionTimeoutMillis: 10_000,
    ...(schemaName ? { options: `-c search_path=${schemaName}` } : {}),
  });
  // An idle client whose server went away emits "error" on the pool; unhandled, it would kill the process.
  // The pool drops that client and the next query reconnects, so there is nothing else to do here.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    try {
      if (schemaName) await createSchema(client, schemaName);
    } finally {
      client.release();
    }
  } catch (cause) {
    await pool.end().catch(() => {});
    throw storeUnavailable({
      location,
      what: "Cannot reach the Postgres store",
      hint:
        "Check that the server is running and that GANTRY_DATABASE_URL (or store.url) names the right " +
        "host, database, user and password.",
      category: "THIRD_PARTY",
      cause,
    });
  }
  return new PostgresDialect({ pool });
}

async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`create schema if not exists ${schema}`);
  } catch (error) {
    // Two processes creating the same schema at once: the loser sees a duplicate; the schema exists.
    const code = (error as { code?: unknown }).code;
    if (code !== "23505" && code !== "42P06") throw error;
  }
}
