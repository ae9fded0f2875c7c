import { type RawBuilder, sql } from "kysely";
import type { StoreKind } from "../store-spec.js";

/** Column types that mean the same thing on SQLite and Postgres. */
export interface ColumnTypes {
  /**
   * Ids and ISO-8601 timestamps: text compared byte by byte. Postgres would otherwise compare with the
   * database's locale collation, and then cursors and time ranges could order differently than on SQLite.
   */
  key: RawBuilder<unknown>;
  text: "text";
  /** JSON is stored as text on both, parsed by the repositories. */
  json: "text";
  integer: "integer";
  /** Integer micro-USD and sequences; SQLite's INTEGER is 64-bit already. */
  bigint: "bigint";
  /** Epoch milliseconds with fractions. */
  double: "double precision";
}

/** The column types for one dialect. */
export function columnTypes(kind: StoreKind): ColumnTypes {
  return {
    key: kind === "postgres" ? sql`text collate "C"` : sql`text`,
    text: "text",
    json: "text",
    integer: "integer",
    bigint: "bigint",
    double: "double precision",
  };
}
