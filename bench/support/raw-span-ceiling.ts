// The raw ceiling the span benches measure Gantry against: better-sqlite3's prepared INSERT in one
// transaction per batch, on a database migrated by Gantry's own store and opened with the same pragmas,
// so the only difference left is the layer under test.

import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { openStore, type SpanRecord, sqlitePragmas } from "../../src/store/index.js";

/** Opens a fresh `<folder>/raw` database with the store's schema (from its migrations) and pragmas. */
export async function openRawSpanDatabase(folder: string): Promise<BetterSqlite3.Database> {
  const peer = await openStore({ root: join(folder, "raw") });
  await peer.close();
  const database = new BetterSqlite3(peer.location);
  for (const pragma of sqlitePragmas) database.pragma(pragma);
  return database;
}

/** Inserts a batch of spans in one transaction through a prepared statement, as the repository would. */
export function rawSpanInserter(database: BetterSqlite3.Database): (spans: SpanRecord[]) => void {
  const statement = database.prepare(
    `insert into spans (trace_id, span_id, parent_span_id, name, kind, start_time_ms, end_time_ms, status_code,
       status_message, attributes, events, project_id, agent, model, session_id, cost_micros)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (trace_id, span_id) do nothing`,
  );
  // The raw peer does the same work per row as the repository: JSON-encode attributes and events.
  return database.transaction((spans: SpanRecord[]) => {
    for (const span of spans) {
      statement.run(
        span.traceId,
        span.spanId,
        span.parentSpanId,
        span.name,
        span.kind,
        span.startTimeMs,
        span.endTimeMs,
        span.statusCode,
        span.statusMessage,
        JSON.stringify(span.attributes),
        JSON.stringify(span.events),
        span.projectId,
        span.agent,
        span.model,
        span.sessionId,
        span.costMicros,
      );
    }
  });
}
