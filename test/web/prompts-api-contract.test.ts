import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportPromptDrift } from "../../src/prompts/index.js";
import { type ApiClient, createApiClient } from "../../web/src/api/api-client.js";
import { ApiError } from "../../web/src/api/api-error.js";
import {
  parsePromptDetail,
  parsePromptDiff,
  parsePromptList,
  parsePromptMetrics,
  promptDetailPath,
  promptDiffPath,
  promptListPath,
  promptMetricsPath,
} from "../../web/src/api/prompts-api.js";
import { createPromptApp, type PromptApp } from "../server/prompt-registry-app.js";
import { makeSpan } from "../store/span-fixtures.js";
import { answerPromptApi } from "./fake-prompt-api.js";
import {
  buildSamplePrompts,
  type FakePrompt,
  hotFixHash,
  samplePromptSources,
} from "./fake-prompt-samples.js";

// The dashboard's prompt parsers against the real prompt routes (the whole app over SQLite, the sample
// prompt files pushed and released through it, drift reported from real spans), and the fake control
// plane's answers against the same parsers and the real answers' shapes: the browser test's fake
// cannot drift from the server.

let api: PromptApp;
let server: ServerType;
let client: ApiClient;
let fake: FakePrompt[];

function fakeAnswer(path: string): unknown {
  const url = new URL(path, "http://fake");
  const answer = answerPromptApi(
    { method: "GET", pathname: url.pathname, query: url.searchParams },
    { prompts: fake },
  );
  if (answer === undefined || answer.status !== 200) throw new Error(`the fake does not answer ${path}`);
  return answer.body;
}

/** The keys of a JSON value, recursively (arrays by their first element): its shape without values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
    );
  }
  return "value";
}

async function put(path: string, body: unknown): Promise<void> {
  const response = await api.request(path, { method: "PUT", json: body });
  if (!response.ok) throw new Error(`${path}: ${await response.text()}`);
}

beforeAll(async () => {
  api = await createPromptApp();
  for (const sources of Object.values(samplePromptSources)) {
    for (const source of sources) {
      const response = await api.request("/api/v1/prompts", { method: "POST", json: { source } });
      if (response.status !== 201) throw new Error(`push failed: ${await response.text()}`);
    }
  }
  await put("/api/v1/prompts/triage/labels/production", { version: "1.0.0" });
  await put("/api/v1/prompts/triage/labels/production", { version: "1.0.1" });
  await put("/api/v1/prompts/triage/labels/staging", { version: "1.1.0" });
  await put("/api/v1/prompts/refund-reply/labels/production", { version: "2.1.0" });
  const now = Date.now();
  const production = (await (
    await api.request("/api/v1/prompts/triage/resolve?label=production")
  ).json()) as {
    hash: string;
  };
  await api.store.spans.insertMany(
    [production.hash, production.hash, hotFixHash].map((hash, index) =>
      makeSpan({
        spanId: `s${index}`,
        traceId: `t${index}`,
        startTimeMs: now - (index + 1) * 60_000,
        endTimeMs: now - (index + 1) * 60_000 + 500,
        promptId: "triage",
        promptHash: hash,
        environment: "production",
      }),
    ),
  );
  await reportPromptDrift({
    store: api.store,
    label: "production",
    environment: "production",
    sinceMs: now - 3_600_000,
    nowMs: now,
  });

  server = serve({ fetch: api.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  client = createApiClient({
    fetch,
    apiKey: null,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
  fake = buildSamplePrompts(now);
});

afterAll(async () => {
  if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  await api?.close();
});

describe("the dashboard reads the real prompt registry API", () => {
  it("parses the list, with drift counted, and the fake's list has the same shape", async () => {
    const real = await client.getJson(promptListPath, parsePromptList);
    expect(real.prompts.map((prompt) => prompt.promptId)).toEqual([
      "refund-reply",
      "summarise-thread",
      "triage",
    ]);
    const triage = real.prompts.find((prompt) => prompt.promptId === "triage")!;
    expect(triage).toMatchObject({ latestVersion: "1.1.0", openDriftAlerts: 1 });
    expect(triage.labels).toEqual({ latest: "1.1.0", production: "1.0.1", staging: "1.1.0" });
    const rawReal = await (await api.request(promptListPath)).json();
    const rawFake = fakeAnswer(promptListPath);
    expect(parsePromptList(rawFake).prompts.map((prompt) => prompt.promptId)).toEqual(
      real.prompts.map((prompt) => prompt.promptId),
    );
    expect(shape(rawFake)).toEqual(shape(rawReal));
  });

  it("parses one prompt (versions, labels, history with gates, drift alerts) like the fake answers it", async () => {
    const real = await client.getJson(promptDetailPath("triage"), parsePromptDetail);
    expect(real.versions.map((version) => version.version)).toEqual(["1.1.0", "1.0.1", "1.0.0"]);
    expect(real.driftAlerts).toHaveLength(1);
    expect(real.history.find((event) => event.label === "production")?.details).toMatchObject({
      gates: [{ gate: "no-todo", passed: true }],
    });
    const rawReal = (await (await api.request(promptDetailPath("triage"))).json()) as Record<
      string,
      unknown[]
    >;
    const rawFake = fakeAnswer(promptDetailPath("triage")) as Record<string, unknown[]>;
    parsePromptDetail(rawFake);
    expect(shape(rawFake.prompt)).toEqual(shape(rawReal.prompt));
    expect(shape(rawFake.versions)).toEqual(shape(rawReal.versions));
    expect(shape(rawFake.labels)).toEqual(shape(rawReal.labels));
    expect(shape(rawFake.driftAlerts)).toEqual(shape(rawReal.driftAlerts));
    const gatedMove = (events: unknown[] = []) =>
      events.find((event) => (event as { label: string }).label === "production");
    expect(shape(gatedMove(rawFake.history))).toEqual(shape(gatedMove(rawReal.history)));
    // The sample sources are the ones pushed here, so the versions are the same texts.
    expect(parsePromptDetail(rawFake).versions.map((version) => version.hash)).toEqual(
      real.versions.map((version) => version.hash),
    );
  });

  it("parses per-version metrics with an unregistered hash, shaped as the fake's", async () => {
    const real = await client.getJson(promptMetricsPath("triage"), parsePromptMetrics);
    expect(real.metrics.map((row) => row.version)).toEqual(["1.1.0", "1.0.1", "1.0.0", null]);
    expect(real.metrics[1]).toMatchObject({ calls: 2, traces: 2, scores: null });
    const rawReal = (await (await api.request(promptMetricsPath("triage"))).json()) as { metrics: unknown[] };
    const rawFake = fakeAnswer(promptMetricsPath("triage")) as { metrics: unknown[] };
    expect(parsePromptMetrics(rawFake).metrics.map((row) => row.version)).toEqual([
      "1.1.0",
      "1.0.1",
      "1.0.0",
      null,
    ]);
    expect(shape(rawFake.metrics.at(-1))).toEqual(shape(rawReal.metrics.at(-1)));
    expect(shape(rawFake.metrics[1])).toEqual(shape(rawReal.metrics[1]));
  });

  it("parses a diff by versions and by labels; the fake's diff is the server's, line for line", async () => {
    for (const selection of [{ from: "1.0.0", to: "1.1.0" }, { from: "production", to: "staging" }, {}]) {
      const path = promptDiffPath("triage", selection);
      const real = await client.getJson(path, parsePromptDiff);
      expect(parsePromptDiff(fakeAnswer(path))).toEqual(real);
    }
    const minor = await client.getJson(
      promptDiffPath("triage", { from: "1.0.1", to: "1.1.0" }),
      parsePromptDiff,
    );
    expect(minor.classification.bump).toBe("minor");
    expect(minor.lines.some((line) => line.op === "add" && line.text.includes("confidence"))).toBe(true);
  });

  it("reads a missing prompt as a 404 ApiError with the registry's code, as the fake answers it", async () => {
    let refused: unknown;
    try {
      await client.getJson(promptDetailPath("nope"), parsePromptDetail);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 404, code: "PROMPT_NOT_FOUND" });
    const url = new URL(promptDetailPath("nope"), "http://fake");
    expect(
      answerPromptApi({ method: "GET", pathname: url.pathname, query: url.searchParams }, { prompts: fake }),
    ).toMatchObject({
      status: 404,
      body: { error: { code: "PROMPT_NOT_FOUND" } },
    });
  });
});
