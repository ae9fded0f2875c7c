import { type FakeTrace, TraceBuilder } from "./fake-trace-builder.js";

// The big sample traces: long workflows that check the waterfall stays readable and light.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** A 300-span nightly workflow: a crawler, a chunker and an embedder, each with many calls. */
export function nightlyReindex(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 2 * hour - 5 * minute, null);
  const root = trace.span({
    name: "invoke_workflow nightly-reindex",
    atMs: 0,
    durationMs: 96_000,
    agent: "indexer",
    attributes: { "gen_ai.operation.name": "invoke_workflow", "gen_ai.workflow.name": "nightly-reindex" },
  });
  const crawler = trace.agent({ parent: root, agent: "page-crawler", atMs: 50, durationMs: 41_000 });
  for (let index = 0; index < 120; index += 1) {
    trace.tool({
      parent: crawler,
      tool: "fetch_page",
      atMs: 80 + Math.floor(index / 4) * 1_350 + trace.between(0, 200),
      durationMs: trace.between(300, 1_300),
      agent: "page-crawler",
      arguments: { url: `https://docs.example.com/page/${index + 1}` },
    });
  }
  const chunker = trace.agent({ parent: root, agent: "chunker", atMs: 41_100, durationMs: 18_000 });
  for (let index = 0; index < 88; index += 1) {
    trace.tool({
      parent: chunker,
      tool: "chunk_document",
      atMs: 41_120 + index * 200,
      durationMs: trace.between(60, 190),
      agent: "chunker",
    });
  }
  const embedder = trace.agent({ parent: root, agent: "embedder", atMs: 59_200, durationMs: 36_700 });
  for (let index = 0; index < 88; index += 1) {
    const input = trace.between(2_000, 8_000);
    trace.span({
      parent: embedder,
      name: "embeddings text-embedding-3-small",
      kind: "client",
      atMs: 59_220 + index * 415,
      durationMs: trace.between(180, 400),
      agent: "embedder",
      model: "text-embedding-3-small",
      attributes: {
        "gen_ai.operation.name": "embeddings",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "text-embedding-3-small",
        "gen_ai.usage.input_tokens": input,
        "gantry.cost.micros": Math.round(input * 0.02),
        "gantry.cost.source": "computed",
      },
    });
  }
  return trace.build();
}

/** A 5,000-span backfill: 49 worker batches of a plan and 100 tool calls, then a summary. */
export function backfill(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 5 * hour, null);
  const root = trace.span({
    name: "invoke_workflow backfill-embeddings",
    atMs: 0,
    durationMs: 1_500_000,
    agent: "backfill",
    attributes: { "gen_ai.operation.name": "invoke_workflow", "gen_ai.workflow.name": "backfill-embeddings" },
  });
  // 1 root + 49 batches of (1 agent + 1 plan chat + 100 tool calls) + 1 summary chat = 5,000 spans.
  for (let batch = 0; batch < 49; batch += 1) {
    const batchStart = 1_000 + batch * 30_000;
    const worker = trace.agent({
      parent: root,
      agent: `backfill-worker-${(batch % 4) + 1}`,
      atMs: batchStart,
      durationMs: 29_000,
    });
    trace.chat({
      parent: worker,
      atMs: batchStart + 20,
      durationMs: trace.between(400, 900),
      agent: `backfill-worker-${(batch % 4) + 1}`,
      provider: "openai",
      model: "gpt-4.1-nano",
      inputTokens: trace.between(300, 600),
      outputTokens: trace.between(20, 60),
      costMicros: trace.between(40, 90),
    });
    for (let call = 0; call < 100; call += 1) {
      trace.tool({
        parent: worker,
        tool: "upsert_vectors",
        atMs: batchStart + 1_000 + call * 275,
        durationMs: trace.between(80, 260),
        agent: `backfill-worker-${(batch % 4) + 1}`,
      });
    }
  }
  trace.chat({
    parent: root,
    atMs: 1_480_000,
    durationMs: 4_200,
    agent: "backfill",
    provider: "openai",
    model: "gpt-4.1-mini",
    inputTokens: 6_400,
    outputTokens: 420,
    costMicros: 3_200,
  });
  return trace.build();
}
