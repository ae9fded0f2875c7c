import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeUpstream,
  startFakeAnthropicServer,
  startFakeOpenAIServer,
} from "../support/fake-upstreams/index.js";
import { readJson } from "../support/read-json.js";

// The fake upstreams themselves: the wire they speak and the script semantics other tests rely on.

const open: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((upstream) => upstream.close()));
});
async function track(started: Promise<FakeUpstream>): Promise<FakeUpstream> {
  const upstream = await started;
  open.push(upstream);
  return upstream;
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const sseData = (text: string) =>
  text
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) =>
      frame
        .split("\n")
        .find((line) => line.startsWith("data: "))
        ?.slice("data: ".length),
    );

describe("fake OpenAI server", () => {
  it("streams usage only when the request asks for it, like the real API", async () => {
    const upstream = await track(startFakeOpenAIServer());
    const url = `${upstream.baseURL}/chat/completions`;
    const without = sseData(await (await post(url, { model: "m", stream: true })).text());
    const withUsage = sseData(
      await (await post(url, { model: "m", stream: true, stream_options: { include_usage: true } })).text(),
    );

    expect(without.at(-1)).toBe("[DONE]");
    expect(withUsage.at(-1)).toBe("[DONE]");
    expect(withUsage.length).toBe(without.length + 1);
    expect(without.some((data) => data?.includes('"prompt_tokens"'))).toBe(false);
    expect(JSON.parse(withUsage.at(-2) ?? "{}").usage.prompt_tokens).toBe(16);
  });

  it("answers from the queue (initial steps, then enqueued ones), then the default reply", async () => {
    const upstream = await track(
      startFakeOpenAIServer({ script: [{ status: 429 }], defaultReply: { status: 418 } }),
    );
    upstream.enqueue({ status: 503 });
    const url = `${upstream.baseURL}/chat/completions`;
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await post(url, { model: "m" })).status);

    expect(statuses).toEqual([429, 503, 418, 418]);
    expect(upstream.requestCount).toBe(4);
  });

  it("asks a function script per request and falls back to the default when it returns undefined", async () => {
    const upstream = await track(
      startFakeOpenAIServer({
        script: (request) => (request.body?.model === "broken" ? { status: 500 } : undefined),
        defaultReply: { kind: "text", text: "fine" },
      }),
    );
    const url = `${upstream.baseURL}/chat/completions`;
    const broken = await post(url, { model: "broken" });
    const fine = await post(url, { model: "ok" });

    expect(broken.status).toBe(500);
    expect((await readJson(broken)).error.type).toBe("server_error");
    expect((await readJson(fine)).choices[0].message.content).toBe("fine");
    expect(upstream.requests.map((request) => request.body.model)).toEqual(["broken", "ok"]);
  });

  it("lists models without consuming a scripted step", async () => {
    const upstream = await track(
      startFakeOpenAIServer({ models: ["gpt-a", "gpt-b"], script: [{ status: 500 }] }),
    );
    const listing = await readJson(await fetch(`${upstream.baseURL}/models`));
    const answer = await post(`${upstream.baseURL}/chat/completions`, { model: "m" });

    expect(listing.data.map((model: { id: string }) => model.id)).toEqual(["gpt-a", "gpt-b"]);
    expect(answer.status).toBe(500);
  });

  it("says which fixture variant is missing instead of hanging", async () => {
    const upstream = await track(
      startFakeOpenAIServer({ script: [{ kind: "fixture", fixture: "xai-text" }] }),
    );
    const response = await post(`${upstream.baseURL}/chat/completions`, { model: "m" });

    expect(response.status).toBe(500);
    expect((await readJson(response)).error.message).toContain(
      'fixture "xai-text" has no recorded plain body',
    );
  });

  it("counts requests without keeping them when record is false", async () => {
    const upstream = await track(startFakeOpenAIServer({ record: false }));
    await post(`${upstream.baseURL}/chat/completions`, { model: "m" });
    await post(`${upstream.baseURL}/chat/completions`, { model: "m" });

    expect(upstream.requestCount).toBe(2);
    expect(upstream.requests).toEqual([]);
  });

  it("holds a hung request until close(), which the client sees as a failure", async () => {
    const upstream = await startFakeOpenAIServer({ script: [{ kind: "hang" }] });
    const pending = post(`${upstream.baseURL}/chat/completions`, { model: "m" }).then(
      () => "answered",
      () => "failed",
    );
    await upstream.waitForRequests(1);
    await upstream.close();

    expect(await pending).toBe("failed");
  });

  it("rejects waitForRequests when the requests never come", async () => {
    const upstream = await track(startFakeOpenAIServer());
    await expect(upstream.waitForRequests(1, 20)).rejects.toThrow("expected 1 requests within 20 ms, got 0");
  });
});

describe("fake Anthropic server", () => {
  it("names each SSE event by its type", async () => {
    const upstream = await track(startFakeAnthropicServer());
    const text = await (await post(`${upstream.baseURL}/messages`, { model: "m", stream: true })).text();
    const frames = text.split("\n\n").filter((frame) => frame.trim() !== "");

    expect(frames[0]?.startsWith("event: message_start\ndata: {")).toBe(true);
    expect(frames.at(-1)).toBe('event: message_stop\ndata: {"type":"message_stop"}');
    for (const frame of frames) {
      const [eventLine, dataLine] = frame.split("\n");
      expect(JSON.parse(dataLine?.slice("data: ".length) ?? "").type).toBe(
        eventLine?.slice("event: ".length),
      );
    }
  });

  it("sends Anthropic's error shape with retry-after", async () => {
    const upstream = await track(
      startFakeAnthropicServer({ script: [{ status: 529, retryAfterSeconds: 3 }] }),
    );
    const response = await post(`${upstream.baseURL}/messages`, { model: "m" });

    expect(response.status).toBe(529);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await readJson(response)).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "fake upstream answered 529" },
    });
  });
});
