import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportPromptDrift } from "../../src/prompts/index.js";
import { makeSpan } from "../store/span-fixtures.js";
import { readJson } from "../support/read-json.js";
import { createPromptApp, type PromptApp, triageSource } from "./prompt-registry-app.js";

// The prompt registry's HTTP API over the whole app (auth, errors) and a real SQLite store: push,
// read, resolve, diff, metrics, label moves behind scopes and gates, consumer contracts, drift alerts.

const hour = 3_600_000;

describe("prompt registry API on an open loopback server (no key in force)", () => {
  let api: PromptApp;
  const hashes: Record<string, string> = {};

  beforeAll(async () => {
    api = await createPromptApp();
  });
  afterAll(() => api.close());

  it("says in /api/v1/info which label agents are served and how the prompt cache fares", async () => {
    const info = await readJson(await api.request("/api/v1/info"));
    expect(info.prompts).toEqual({
      label: "production",
      client: { hits: 0, misses: 0, staleServed: 0, bundledServed: 0, fetchErrors: 0, lastFetchError: null },
    });
  });

  it("lists nothing before a push, and answers PROMPT_NOT_FOUND for an unknown prompt", async () => {
    expect(await readJson(await api.request("/api/v1/prompts"))).toEqual({ prompts: [] });
    const missing = await api.request("/api/v1/prompts/triage");
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error).toMatchObject({ code: "PROMPT_NOT_FOUND", domain: "PROMPT" });
  });

  it("pushes versions (201, then 200 unchanged), refuses changed content under a pushed version (409)", async () => {
    for (const [version, wording] of [
      ["1.0.0", "Answer with JSON only."],
      ["1.0.1", "Answer with JSON only, no prose."],
      ["1.0.2", "Answer with JSON only. TODO: mention escalation."],
    ] as const) {
      const pushed = await api.request("/api/v1/prompts", {
        method: "POST",
        json: {
          source: triageSource(version, wording),
          file: "prompts/triage.prompt.md",
          message: `v${version}`,
        },
      });
      expect(pushed.status).toBe(201);
      const body = await readJson(pushed);
      expect(body).toMatchObject({
        outcome: "created",
        version: { id: "triage", version, author: "api", message: `v${version}` },
      });
      hashes[version] = body.version.hash;
    }
    const again = await api.request("/api/v1/prompts", {
      method: "POST",
      json: { source: triageSource("1.0.0") },
    });
    expect(again.status).toBe(200);
    expect((await readJson(again)).outcome).toBe("unchanged");
    const conflict = await api.request("/api/v1/prompts", {
      method: "POST",
      json: { source: triageSource("1.0.0", "Something else entirely.") },
    });
    expect(conflict.status).toBe(409);
    expect((await readJson(conflict)).error.code).toBe("PROMPT_VERSION_CONFLICT");
  });

  it("refuses a body without a source, and a prompt file that does not parse, naming the problem", async () => {
    const noSource = await api.request("/api/v1/prompts", { method: "POST", json: { file: "x.prompt.md" } });
    expect(noSource.status).toBe(400);
    const error = (await readJson(noSource)).error;
    expect(error.code).toBe("PROMPT_REQUEST_INVALID");
    expect(error.message).toContain("source");
    const broken = await api.request("/api/v1/prompts", {
      method: "POST",
      json: { source: "---\nid: Triage!\n---\nhi", file: "prompts/bad.prompt.md" },
    });
    expect(broken.status).toBe(400);
    expect((await readJson(broken)).error).toMatchObject({ code: "PROMPT_INVALID" });
  });

  it("lists the prompt with its latest version, labels and no drift", async () => {
    const { prompts } = await readJson(await api.request("/api/v1/prompts"));
    expect(prompts).toEqual([
      expect.objectContaining({
        promptId: "triage",
        latestVersion: "1.0.2",
        latestHash: hashes["1.0.2"],
        description: "Classify a support ticket into one queue.",
        versions: 3,
        labels: { latest: "1.0.2" },
        openDriftAlerts: 0,
      }),
    ]);
  });

  it("answers one prompt: versions newest first, labels, label history, drift alerts", async () => {
    const detail = await readJson(await api.request("/api/v1/prompts/triage"));
    expect(detail.prompt).toMatchObject({ promptId: "triage", latestVersion: "1.0.2" });
    expect(detail.versions.map((version: { version: string }) => version.version)).toEqual([
      "1.0.2",
      "1.0.1",
      "1.0.0",
    ]);
    expect(detail.versions[2]).toMatchObject({
      hash: hashes["1.0.0"],
      source: triageSource("1.0.0"),
      frontMatter: { id: "triage", version: "1.0.0" },
      template: expect.stringContaining("You are the triage desk of {{shop}}."),
    });
    expect(detail.labels).toEqual([expect.objectContaining({ label: "latest", version: "1.0.2" })]);
    expect(detail.history.map((event: { toVersion: string }) => event.toVersion)).toEqual([
      "1.0.0",
      "1.0.1",
      "1.0.2",
    ]);
    expect(detail.driftAlerts).toEqual([]);
  });

  it("answers a version, and 404 or 400 for a missing or malformed one", async () => {
    const version = await readJson(await api.request("/api/v1/prompts/triage/versions/1.0.1"));
    expect(version).toMatchObject({ id: "triage", version: "1.0.1", hash: hashes["1.0.1"] });
    const missing = await api.request("/api/v1/prompts/triage/versions/9.9.9");
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error).toMatchObject({
      code: "PROMPT_VERSION_NOT_FOUND",
      details: { known: ["1.0.2", "1.0.1", "1.0.0"] },
    });
    const malformed = await api.request("/api/v1/prompts/triage/versions/one");
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error).toMatchObject({
      code: "QUERY_PARAMETER_INVALID",
      details: { parameter: "version" },
    });
  });

  it("resolves by label (latest by default) or version, telling a missing label from a missing prompt", async () => {
    expect((await readJson(await api.request("/api/v1/prompts/triage/resolve"))).version).toBe("1.0.2");
    const byVersion = await readJson(await api.request("/api/v1/prompts/triage/resolve?version=1.0.0"));
    expect(byVersion).toMatchObject({ version: "1.0.0", hash: hashes["1.0.0"], message: "v1.0.0" });
    const noLabel = await api.request("/api/v1/prompts/triage/resolve?label=production");
    expect(noLabel.status).toBe(404);
    expect((await readJson(noLabel)).error.code).toBe("PROMPT_LABEL_NOT_FOUND");
    const noPrompt = await api.request("/api/v1/prompts/answer/resolve?label=production");
    expect((await readJson(noPrompt)).error.code).toBe("PROMPT_NOT_FOUND");
    const both = await api.request("/api/v1/prompts/triage/resolve?label=latest&version=1.0.0");
    expect(both.status).toBe(400);
    expect((await readJson(both)).error.code).toBe("PROMPT_SELECTOR_INVALID");
  });

  it("diffs two versions or labels, line by line with the classification; `from` defaults to the previous version", async () => {
    const diff = await readJson(await api.request("/api/v1/prompts/triage/diff?from=1.0.0&to=1.0.1"));
    expect(diff.from).toEqual({ version: "1.0.0", hash: hashes["1.0.0"] });
    expect(diff.to).toEqual({ version: "1.0.1", hash: hashes["1.0.1"] });
    const changed = diff.lines.filter((line: { op: string }) => line.op !== "equal");
    expect(changed.map((line: { op: string; text: string }) => `${line.op} ${line.text}`)).toEqual([
      "remove version: 1.0.0",
      "add version: 1.0.1",
      "remove You are the triage desk of {{shop}}. Answer with JSON only.",
      "add You are the triage desk of {{shop}}. Answer with JSON only, no prose.",
    ]);
    expect(diff.classification.bump).toBe("patch");
    const toLatest = await readJson(await api.request("/api/v1/prompts/triage/diff"));
    expect([toLatest.from.version, toLatest.to.version]).toEqual(["1.0.1", "1.0.2"]);
    const byLabel = await readJson(await api.request("/api/v1/prompts/triage/diff?from=1.0.0&to=latest"));
    expect(byLabel.to.version).toBe("1.0.2");
    const first = await api.request("/api/v1/prompts/triage/diff?to=1.0.0");
    expect(first.status).toBe(400);
    expect((await readJson(first)).error.details).toEqual({ parameter: "from" });
  });

  it("moves labels as `local` admin; a failing gate answers 422 naming it and nothing moves", async () => {
    const staging = await api.request("/api/v1/prompts/triage/labels/staging", {
      method: "PUT",
      json: { version: "1.0.2" },
    });
    expect(staging.status).toBe(200);
    expect(await readJson(staging)).toMatchObject({
      moved: true,
      label: { label: "staging", version: "1.0.2", updatedBy: "local" },
      gates: [],
    });

    const gated = await api.request("/api/v1/prompts/triage/labels/production", {
      method: "PUT",
      json: { version: "1.0.2" },
    });
    expect(gated.status).toBe(422);
    const refusal = (await readJson(gated)).error;
    expect(refusal.code).toBe("PROMPT_GATE_FAILED");
    expect(refusal.message).toContain('gate "no-todo" failed: the template still says TODO');
    const labels = (await readJson(await api.request("/api/v1/prompts/triage"))).labels;
    expect(labels.map((label: { label: string }) => label.label).sort()).toEqual(["latest", "staging"]);

    const released = await readJson(
      await api.request("/api/v1/prompts/triage/labels/production", {
        method: "PUT",
        json: { version: "1.0.1" },
      }),
    );
    expect(released).toMatchObject({
      moved: true,
      label: { label: "production", version: "1.0.1", updatedBy: "local" },
      gates: [{ gate: "no-todo", passed: true, summary: "no TODO left" }],
    });
    const history = (await readJson(await api.request("/api/v1/prompts/triage"))).history;
    expect(history.at(-1)).toMatchObject({ label: "production", toVersion: "1.0.1", actor: "local" });
    const resolved = await readJson(await api.request("/api/v1/prompts/triage/resolve?label=production"));
    expect(resolved.version).toBe("1.0.1");
  });

  it("refuses to move `latest` by hand, and a body without an exact version", async () => {
    const latest = await api.request("/api/v1/prompts/triage/labels/latest", {
      method: "PUT",
      json: { version: "1.0.0" },
    });
    expect(latest.status).toBe(400);
    expect((await readJson(latest)).error.code).toBe("PROMPT_LABEL_RESERVED");
    const loose = await api.request("/api/v1/prompts/triage/labels/staging", {
      method: "PUT",
      json: { version: "^1.0.0" },
    });
    expect(loose.status).toBe(400);
    expect((await readJson(loose)).error).toMatchObject({
      code: "PROMPT_REQUEST_INVALID",
      message: expect.stringContaining("version: must be an exact version"),
    });
  });

  it("answers per-version metrics joined by hash, with calls of an unregistered text as version null", async () => {
    const now = Date.now();
    const call = (spanId: string, hash: string, startAgoMs: number, overrides = {}) =>
      makeSpan({
        spanId,
        traceId: `trace-${spanId}`,
        startTimeMs: now - startAgoMs,
        endTimeMs: now - startAgoMs + 200,
        promptId: "triage",
        promptHash: hash,
        environment: "production",
        costMicros: 150,
        ...overrides,
      });
    await api.store.spans.insertMany([
      call("a1", hashes["1.0.1"]!, 2 * hour),
      call("a2", hashes["1.0.1"]!, hour, { statusCode: "error", costMicros: 50 }),
      call("b1", "f".repeat(64), 30 * 60_000, { costMicros: null }),
      call("c1", hashes["1.0.0"]!, 50 * hour, { environment: "staging" }),
    ]);
    const { metrics } = await readJson(await api.request("/api/v1/prompts/triage/metrics"));
    expect(metrics).toEqual([
      expect.objectContaining({ version: "1.0.2", calls: 0, firstSeenMs: null, scores: null }),
      {
        version: "1.0.1",
        hash: hashes["1.0.1"],
        calls: 2,
        traces: 2,
        costMicros: 200,
        errors: 1,
        meanDurationMs: 200,
        firstSeenMs: now - 2 * hour,
        lastSeenMs: now - hour,
        scores: null,
      },
      expect.objectContaining({ version: "1.0.0", calls: 1 }),
      expect.objectContaining({ version: null, hash: "f".repeat(64), calls: 1, costMicros: 0 }),
    ]);
    const production = await readJson(
      await api.request("/api/v1/prompts/triage/metrics?environment=production&since=24h"),
    );
    expect(production).toMatchObject({ environment: "production", sinceMs: expect.any(Number) });
    expect(production.metrics.find((row: { version: string }) => row.version === "1.0.0").calls).toBe(0);
  });

  it("raises drift as alerts: counted on the list, shown on the prompt, resolved once", async () => {
    const nowMs = Date.now();
    const findings = await reportPromptDrift({
      store: api.store,
      environment: "production",
      label: "production",
      sinceMs: nowMs - 24 * hour,
      nowMs,
    });
    expect(findings.map((finding) => finding.hash)).toContain("f".repeat(64));
    const { prompts } = await readJson(await api.request("/api/v1/prompts"));
    expect(prompts[0].openDriftAlerts).toBe(findings.length);
    const detail = await readJson(await api.request("/api/v1/prompts/triage"));
    expect(detail.driftAlerts).toHaveLength(findings.length);
    const alert = detail.driftAlerts.find((item: { key: string }) => item.key === `triage:${"f".repeat(64)}`);
    expect(alert).toMatchObject({ kind: "prompt-drift", severity: "warning", resolvedAt: null });

    const open = await readJson(await api.request("/api/v1/alerts?kind=prompt-drift"));
    expect(open.alerts.map((item: { id: string }) => item.id)).toContain(alert.id);
    const resolved = await api.request(`/api/v1/alerts/${alert.id}/resolve`, { method: "POST" });
    expect(resolved.status).toBe(200);
    expect((await readJson(resolved)).alert.resolvedAt).toEqual(expect.any(String));
    const twice = await api.request(`/api/v1/alerts/${alert.id}/resolve`, { method: "POST" });
    expect(twice.status).toBe(409);
    expect((await readJson(twice)).error.code).toBe("ALERT_ALREADY_RESOLVED");
    const unknown = await api.request("/api/v1/alerts/alr_nope/resolve", { method: "POST" });
    expect(unknown.status).toBe(404);
    const all = await readJson(await api.request("/api/v1/alerts?state=resolved"));
    expect(all.alerts.map((item: { id: string }) => item.id)).toEqual([alert.id]);
    const bad = await api.request("/api/v1/alerts?state=closed");
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.details).toEqual({ parameter: "state" });
  });

  it("registers, lists (with the workspace file's) and deletes consumer contracts", async () => {
    mkdirSync(join(api.root, "prompts"), { recursive: true });
    writeFileSync(
      join(api.root, "prompts", "triage.consumers.yaml"),
      "consumers:\n  - name: router\n    reads: [$.category]\n",
    );
    const put = await api.request("/api/v1/prompts/triage/consumers/billing", {
      method: "PUT",
      json: { description: "Opens refunds", reads: [{ path: "$.category", enum: ["refund"] }] },
    });
    expect(put.status).toBe(200);
    expect((await readJson(put)).consumer).toMatchObject({
      promptId: "triage",
      consumer: "billing",
      contract: {
        name: "billing",
        description: "Opens refunds",
        reads: [{ path: "$.category", required: true, enum: ["refund"] }],
      },
    });
    const { consumers } = await readJson(await api.request("/api/v1/prompts/triage/consumers"));
    expect(consumers).toEqual([
      expect.objectContaining({
        consumer: "router",
        origin: expect.stringMatching(/triage\.consumers\.yaml:2$/),
      }),
      expect.objectContaining({ consumer: "billing", origin: "api", description: "Opens refunds" }),
    ]);

    const invalid = await api.request("/api/v1/prompts/triage/consumers/billing", {
      method: "PUT",
      json: { reads: [{ path: "category" }] },
    });
    expect(invalid.status).toBe(400);
    const problem = (await readJson(invalid)).error;
    expect(problem.code).toBe("PROMPT_CONSUMERS_INVALID");
    expect(problem.message).toContain("reads.0.path");
    const renamed = await api.request("/api/v1/prompts/triage/consumers/billing", {
      method: "PUT",
      json: { name: "router", reads: ["$.category"] },
    });
    expect((await readJson(renamed)).error.code).toBe("PROMPT_REQUEST_INVALID");

    const deleted = await api.request("/api/v1/prompts/triage/consumers/billing", { method: "DELETE" });
    expect(await readJson(deleted)).toEqual({ deleted: { promptId: "triage", consumer: "billing" } });
    const again = await api.request("/api/v1/prompts/triage/consumers/billing", { method: "DELETE" });
    expect(again.status).toBe(404);
    expect((await readJson(again)).error.code).toBe("PROMPT_CONSUMER_NOT_FOUND");
    const unknownPrompt = await api.request("/api/v1/prompts/answer/consumers");
    expect((await readJson(unknownPrompt)).error.code).toBe("PROMPT_NOT_FOUND");
  });
});

describe("prompt registry API with keys in force", () => {
  let api: PromptApp;
  let readKey: string;
  let writeKey: string;
  let releaseKey: string;

  beforeAll(async () => {
    api = await createPromptApp();
    readKey = await api.createKey(["read"]);
    writeKey = await api.createKey(["write"]);
    releaseKey = await api.createKey(["release"]);
  });
  afterAll(() => api.close());

  it("pushes with a write key as its author; a release key may read but not push", async () => {
    const pushed = await api.request("/api/v1/prompts", {
      method: "POST",
      key: writeKey,
      json: { source: triageSource("1.0.0") },
    });
    expect(pushed.status).toBe(201);
    expect((await readJson(pushed)).version.author).toBe("write");
    const byRelease = await api.request("/api/v1/prompts", {
      method: "POST",
      key: releaseKey,
      json: { source: triageSource("1.0.1", "Be brief.") },
    });
    expect(byRelease.status).toBe(403);
    expect((await readJson(byRelease)).error).toMatchObject({
      code: "AUTH_SCOPE_MISSING",
      details: { needed: "write" },
    });
    expect((await api.request("/api/v1/prompts/triage", { key: releaseKey })).status).toBe(200);
  });

  it("lets a write key move an open label but not production (403); a release key can", async () => {
    const staging = await api.request("/api/v1/prompts/triage/labels/staging", {
      method: "PUT",
      key: writeKey,
      json: { version: "1.0.0" },
    });
    expect(staging.status).toBe(200);
    const forbidden = await api.request("/api/v1/prompts/triage/labels/production", {
      method: "PUT",
      key: writeKey,
      json: { version: "1.0.0" },
    });
    expect(forbidden.status).toBe(403);
    expect((await readJson(forbidden)).error).toMatchObject({
      code: "PROMPT_LABEL_FORBIDDEN",
      details: { label: "production", actor: "write", scopes: ["write"] },
    });
    const unmoved = await api.request("/api/v1/prompts/triage/resolve?label=production", { key: readKey });
    expect((await readJson(unmoved)).error.code).toBe("PROMPT_LABEL_NOT_FOUND");

    const released = await api.request("/api/v1/prompts/triage/labels/production", {
      method: "PUT",
      key: releaseKey,
      json: { version: "1.0.0" },
    });
    expect(released.status).toBe(200);
    expect((await readJson(released)).label).toMatchObject({ version: "1.0.0", updatedBy: "release" });
  });

  it("refuses a label move to a read key with the scopes that would do", async () => {
    const refused = await api.request("/api/v1/prompts/triage/labels/staging", {
      method: "PUT",
      key: readKey,
      json: { version: "1.0.0" },
    });
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).error).toMatchObject({
      code: "AUTH_SCOPE_MISSING",
      message: expect.stringContaining("'write' or 'release'"),
      details: { needed: ["write", "release"], granted: ["read"] },
    });
  });
});
