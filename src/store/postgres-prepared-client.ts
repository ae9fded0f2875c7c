import { createHash } from "node:crypto";
import pg from "pg";

// Kysely sends every query unnamed, so Postgres parses and plans it each time. For the few hot
// statements where that is most of the cost (the budget ledger's reserve and settle: a plan costs
// about as much as running them), SQL that starts with `preparedStatementMarker` is sent as a named
// prepared statement instead: parsed and planned once per connection, then only bound and executed.

/** Start a statement's SQL with this to have the Postgres store prepare it once per connection. */
export const preparedStatementMarker = "/* gantry:prepared */";

const names = new Map<string, string>();

// The name is derived from the text, so two different texts can never share one (pg refuses that).
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `gantry_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** pg's Client, preparing statements that carry the marker; every other query is passed on unchanged. */
export class PreparingClient extends pg.Client {}

const plainQuery = pg.Client.prototype.query;
PreparingClient.prototype.query = function query(this: pg.Client, ...args: unknown[]) {
  const [text, values, callback] = args;
  if (typeof text === "string" && text.startsWith(preparedStatementMarker)) {
    const config = { name: nameOf(text), text, values: values as unknown[] | undefined };
    return (plainQuery as (...rest: unknown[]) => unknown).call(this, config, callback);
  }
  return (plainQuery as (...rest: unknown[]) => unknown).apply(this, args);
} as typeof plainQuery;
