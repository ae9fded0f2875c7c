// OTLP ingest throughput: ingestOtlp (read body, decode protobuf or JSON, map attributes, build rows,
// spans.insertMany into SQLite) against the raw ceiling: better-sqlite3's prepared INSERT in one
// transaction per batch, inserting the very rows ingestOtlp produces, same schema and pragmas, same run.
// Bodies are made by the official OTLP serializer from SDK spans, 512 spans per request, fresh ids per
// round (a re-sent span is a no-op insert and would flatter the receiver).
// Run: npm run bench ingest, or node --import tsx bench/ingest/otlp-ingest.bench.ts
// (OTLP_BENCH_BATCHES sets batches per round).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { context, SpanKind, trace } from "@opentelemetry/api";
import { openStore, type SpanRecord } from "../../src/store/index.js";
import { decodeOtlpProtobuf, ingestOtlp, otlpSpansToRecords } from "../../src/telemetry/index.js";
import { jsonBody, protobufBody, recordSpans } from "../../test/support/otlp-spans.js";
import { openRawSpanDatabase, rawSpanInserter } from "../support/raw-span-ceiling.js";
import { median, timed } from "../support/timing.js";

const batchSize = 512;
const batchesPerRound = Number(process.env.OTLP_BENCH_BATCHES ?? 40);
const rounds = 5;
const targetRatio = 0.3;
const targetRate = 20_000;
const protobufHeaders = { "content-type": "application/x-protobuf" };
const jsonHeaders = { "content-type": "application/json" };

/** 512 spans as an agent framework sends them: one agent span, chat and tool calls, three conventions. */
function makeBatch(batch: number) {
  return recordSpans(
    (tracer) => {
      const root = tracer.startSpan("invoke_agent triage", {
        attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "triage" },
      });
      const parent = trace.setSpan(context.active(), root);
      for (let index = 1; index < batchSize; index++) {
        const attributes =
          index % 3 === 0
            ? {
                "openinference.span.kind": "LLM",
                "llm.model_name": "claude-sonnet-4-5",
                "llm.token_count.prompt": 1000 + index,
                "llm.token_count.completion": 80,
                "session.id": `session-${batch}`,
              }
            : index % 3 === 1
              ? {
                  "gen_ai.operation.name": "chat",
                  "gen_ai.provider.name": "openai",
                  "gen_ai.request.model": "gpt-4o",
                  "gen_ai.response.model": "gpt-4o-2024-08-06",
                  "gen_ai.usage.input_tokens": 1200 + index,
                  "gen_ai.usage.output_tokens": 64,
                  "gantry.cost.micros": 1234 + index,
                  "gantry.session.id": `session-${batch}`,
                }
              : {
                  "ai.operationId": "ai.toolCall",
                  "ai.toolCall.name": "lookup_order",
                  "ai.toolCall.id": `call-${index}`,
                  "ai.telemetry.metadata.sessionId": `session-${batch}`,
                };
        const span = tracer.startSpan(`step ${index % 3}`, { kind: SpanKind.CLIENT, attributes }, parent);
        if (index % 8 === 0) span.addEvent("gen_ai.choice", { index: 0 });
        span.end();
      }
      root.end();
    },
    { resource: { "service.name": "bench-agent", "deployment.environment": "bench" } },
  );
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "gantry-otlp-bench-"));
  try {
    const store = await openStore({ root: join(folder, "receiver") });
    const raw = await openRawSpanDatabase(folder);
    const insertRaw = rawSpanInserter(raw);
    const spansPerRound = batchesPerRound * batchSize;
    console.log(
      `otlp ingest bench: ${rounds} rounds x ${batchesPerRound} requests of ${batchSize} spans, SQLite`,
    );

    const times = { protobuf: [] as number[], json: [] as number[], raw: [] as number[] };
    // Round 0 warms up every path and is not counted; the order of the three rotates per round.
    for (let round = 0; round <= rounds; round++) {
      const protobufBodies: Uint8Array[] = [];
      const jsonBodies: Uint8Array[] = [];
      const rawBatches: SpanRecord[][] = [];
      for (let batch = 0; batch < batchesPerRound; batch++) {
        const body = protobufBody(makeBatch(batch));
        protobufBodies.push(body);
        jsonBodies.push(jsonBody(makeBatch(batch)));
        // The ceiling inserts exactly the rows the receiver builds from the same body (into its own
        // database), prepared outside its timing.
        rawBatches.push(otlpSpansToRecords(decodeOtlpProtobuf(body).spans));
      }
      const paths = {
        protobuf: () =>
          timed(async () => {
            for (const body of protobufBodies) await ingestOtlp(store, body, protobufHeaders);
          }),
        json: () =>
          timed(async () => {
            for (const body of jsonBodies) await ingestOtlp(store, body, jsonHeaders);
          }),
        raw: () =>
          timed(() => {
            for (const rows of rawBatches) insertRaw(rows);
          }),
      };
      const order = (["protobuf", "json", "raw"] as const).map(
        (_, index, names) => names[(index + round) % 3]!,
      );
      for (const name of order) {
        const milliseconds = await paths[name]();
        if (round > 0) times[name].push(milliseconds);
      }
    }

    const rate = (name: keyof typeof times) => spansPerRound / (median(times[name]) / 1000);
    const rawRate = rate("raw");
    const format = (value: number) => `${Math.round(value).toLocaleString("en-US")} spans/s`;
    console.log(`  raw better-sqlite3 prepared ceiling   ${format(rawRate)}  (median of ${rounds})`);
    const failures: string[] = [];
    for (const name of ["protobuf", "json"] as const) {
      const value = rate(name);
      const ratio = value / rawRate;
      console.log(
        `  ingestOtlp ${name.padEnd(8)}                ${format(value)}  ratio ${ratio.toFixed(2)} ` +
          `(target >= ${targetRatio} and >= ${format(targetRate)})`,
      );
      if (ratio < targetRatio) failures.push(`${name} ratio ${ratio.toFixed(2)} < ${targetRatio}`);
      if (value < targetRate) failures.push(`${name} ${format(value)} < ${format(targetRate)}`);
    }
    console.log(failures.length === 0 ? "PASS otlp-ingest" : `FAIL otlp-ingest: ${failures.join("; ")}`);

    raw.close();
    await store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
