import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type SpanRecord, type Store } from "../../store/index.js";
import { tailTraces } from "./traces-tail.js";

const now = 1_795_000_000_000;

function span(
  traceId: string,
  spanId: string,
  startTimeMs: number,
  parentSpanId: string | null = null,
): SpanRecord {
  return {
    traceId,
    spanId,
    parentSpanId,
    name: spanId,
    kind: "internal",
    startTimeMs,
    endTimeMs: startTimeMs + 10,
    statusCode: "unset",
    statusMessage: null,
    attributes: {},
    events: [],
    projectId: "default",
    agent: "triage",
    model: null,
    sessionId: null,
    costMicros: null,
  };
}

let folder: string;
let store: Store;
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), "gantry-tail-"));
  store = await openStore({ root: folder });
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("tailTraces", () => {
  it("prints the backlog oldest first, then a new trace only once a poll saw it unchanged", async () => {
    await store.spans.insertMany([span("a", "root", now - 3000), span("b", "root", now - 2000)]);
    const printed: string[] = [];
    const stop = new AbortController();
    // Each poll runs one scripted step; the tail never really sleeps.
    const steps = [
      () => store.spans.insertMany([span("c", "child", now + 5, "root")]),
      () => store.spans.insertMany([span("c", "root", now)]),
      async () => {},
      async () => {
        stop.abort();
      },
    ];
    const seenBeforeEachPoll: string[][] = [];
    await tailTraces({
      store,
      query: {},
      backlog: 1,
      intervalMs: 1000,
      now: () => now,
      signal: stop.signal,
      print: (trace) => printed.push(`${trace.traceId}:${trace.spanCount}`),
      wait: async () => {
        seenBeforeEachPoll.push([...printed]);
        await steps.shift()?.();
      },
    });
    expect(printed).toEqual(["b:1", "c:2"]);
    // c was first seen with one span, then changed: it is printed whole, one poll after it settled.
    expect(seenBeforeEachPoll).toEqual([["b:1"], ["b:1"], ["b:1"], ["b:1", "c:2"]]);
  });

  it("stops at once when the signal aborts during the wait", async () => {
    const stop = new AbortController();
    let polls = 0;
    await tailTraces({
      store,
      query: { agent: "nobody" },
      backlog: 10,
      intervalMs: 60_000,
      now: () => now,
      signal: stop.signal,
      print: () => {},
      wait: (_milliseconds, signal) =>
        new Promise((_, reject) => {
          polls += 1;
          signal.addEventListener("abort", () => reject(new Error("aborted")));
          stop.abort();
        }),
    });
    expect(polls).toBe(1);
  });
});
