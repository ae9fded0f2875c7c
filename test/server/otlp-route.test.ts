import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkspace } from "../../src/core/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { repositoryRoot } from "../support/built-package.js";
import { readJson } from "../support/read-json.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// POST /v1/traces on a real `gantry up` server: the official exporters, in their own process, deliver
// spans into the workspace's store; bad bodies get a 4xx and the server keeps serving.

const run = promisify(execFile);
const fixture = join(repositoryRoot, "test", "fixtures", "otlp", "export-spans.ts");

let store: Store;
let server: RunningServer;

beforeAll(async () => {
  const root = temporaryWorkspace();
  store = await openStore({ root });
  server = await startServer({
    workspace: await loadWorkspace(root),
    store,
    host: "127.0.0.1",
    port: 0,
    env: {},
  });
});

afterAll(async () => {
  await server?.close();
  await store?.close();
});

async function exportSpans(protocol: "http-json" | "proto"): Promise<{ traceId: string; spanCount: number }> {
  const args = ["--import", "tsx", fixture, `${server.url}/v1/traces`, protocol, "gzip"];
  const { stdout } = await run(process.execPath, args, { cwd: repositoryRoot, timeout: 60_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

describe("POST /v1/traces on gantry up", () => {
  it.each(["http-json", "proto"] as const)("stores what the official %s exporter sends", async (protocol) => {
    const report = await exportSpans(protocol);
    const spans = await store.spans.getTrace(report.traceId);
    expect(spans).toHaveLength(report.spanCount);
    expect(spans.some((span) => span.attributes["service.name"] === `otlp-fixture-${protocol}`)).toBe(true);
    const detail = await readJson(await fetch(`${server.url}/api/v1/traces/${report.traceId}`));
    expect(detail.spans).toHaveLength(report.spanCount);
    expect(detail.trace.rootName).toBe("invoke_agent planner");
  });

  it("answers a truncated protobuf body with 400 and keeps serving", async () => {
    const response = await fetch(`${server.url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/x-protobuf" },
      body: new Uint8Array([0x0a, 0x20, 0x0a]),
    });
    expect(response.status).toBe(400);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("answers a 10 MB body with 413", async () => {
    const response = await fetch(`${server.url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(10 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it("reports the export queues in /api/v1/info", async () => {
    const info = await readJson(await fetch(`${server.url}/api/v1/info`));
    expect(info.telemetry.exporters).toBeDefined();
    expect(Object.values(info.telemetry.exporters)[0]).toMatchObject({ dropped: expect.any(Number) });
  });
});
