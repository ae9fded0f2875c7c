import { describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import type { RunEvent, RunHandle, RunResult } from "../../runtime/index.js";
import { runEventStream, wantsEventStream } from "./run-event-stream.js";

const result: RunResult = {
  runId: "run_1",
  agent: "helper",
  status: "completed",
  output: "done",
  costMicros: 12,
  steps: 1,
  toolCalls: 0,
  trips: [],
};

// A handle whose events come from `source`; `pulled` counts the events taken from it.
function handleOf(source: () => AsyncGenerator<RunEvent>): { handle: RunHandle; pulled: () => number } {
  let pulled = 0;
  async function* counted() {
    for await (const event of source()) {
      pulled += 1;
      yield event;
    }
  }
  return {
    handle: { runId: "run_1", events: counted(), result: Promise.resolve(result) },
    pulled: () => pulled,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

const start: RunEvent = { type: "run-start", runId: "run_1", agent: "helper", resumed: false };
const delta: RunEvent = { type: "text-delta", step: 1, delta: "hi" };

describe("runEventStream", () => {
  it("sends each event as `id`, `event: <type>` and JSON data, and closes after `end`", async () => {
    const { handle } = handleOf(async function* () {
      yield start;
      yield delta;
      yield { type: "end" };
    });
    const text = await readAll(runEventStream(handle));
    expect(text).toBe(
      [
        `id: 1\nevent: run-start\ndata: ${JSON.stringify(start)}\n\n`,
        `id: 2\nevent: text-delta\ndata: ${JSON.stringify(delta)}\n\n`,
        `id: 3\nevent: end\ndata: {"type":"end"}\n\n`,
      ].join(""),
    );
  });

  it("still ends with `end` when the source stops without one", async () => {
    const { handle } = handleOf(async function* () {
      yield start;
    });
    const text = await readAll(runEventStream(handle));
    expect(text.endsWith(`id: 2\nevent: end\ndata: {"type":"end"}\n\n`)).toBe(true);
  });

  it("reports a failing source as an `error` event in the API's shape, then `end`", async () => {
    const failures: string[] = [];
    const { handle } = handleOf(async function* () {
      yield start;
      throw new GantryError({
        code: "STORE_UNAVAILABLE",
        message: "the store went away",
        domain: "STORE",
        category: "THIRD_PARTY",
        cause: new Error("ECONNRESET at /var/lib/secret"),
      });
    });
    const text = await readAll(runEventStream(handle, (error) => failures.push(error.code)));
    const frames = text.trim().split("\n\n");
    expect(frames).toHaveLength(3);
    expect(frames[1]).toContain("event: error");
    const body = JSON.parse(frames[1]!.split("data: ")[1]!);
    expect(body.error).toMatchObject({ code: "STORE_UNAVAILABLE", message: "the store went away" });
    expect(body.error.cause).toBeUndefined();
    expect(frames[2]).toBe(`id: 3\nevent: end\ndata: {"type":"end"}`);
    expect(failures).toEqual(["STORE_UNAVAILABLE"]);
  });

  it("keeps reading the run's events after the client cancels, so nothing waits on a reader", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished!: () => void;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    const { handle, pulled } = handleOf(async function* () {
      yield start;
      await released;
      yield delta;
      yield { type: "end" };
      finished();
    });
    const reader = runEventStream(handle).getReader();
    await reader.read();
    await reader.cancel();
    release();
    await done;
    expect(pulled()).toBe(3);
  });

  it("writes nothing and reports no error when the client hangs up while a read waits for the next event", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished!: () => void;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    let waited!: () => void;
    const waiting = new Promise<void>((resolve) => {
      waited = resolve;
    });
    const failures: string[] = [];
    const { handle, pulled } = handleOf(async function* () {
      yield start;
      waited();
      await released;
      yield delta;
      yield { type: "end" };
      finished();
    });
    const reader = runEventStream(handle, (error) => failures.push(error.code)).getReader();
    await reader.read();
    const pending = reader.read();
    // The stream's pull is now waiting inside the source for the event that `released` holds back.
    await waiting;
    await reader.cancel();
    release();
    await done;
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(failures).toEqual([]);
    expect(pulled()).toBe(3);
  });
});

describe("wantsEventStream", () => {
  it("streams for `stream: true` or an Accept that names text/event-stream", () => {
    expect(wantsEventStream(undefined, true)).toBe(true);
    expect(wantsEventStream("text/event-stream", undefined)).toBe(true);
    expect(wantsEventStream("application/json, Text/Event-Stream;q=0.5", false)).toBe(true);
    expect(wantsEventStream("application/json", undefined)).toBe(false);
    expect(wantsEventStream(undefined, false)).toBe(false);
  });
});
