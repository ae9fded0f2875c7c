import { Hono } from "hono";
import semver from "semver";
import type { PromptActor } from "../../prompts/index.js";
import type { ApiKeyRecord } from "../../store/index.js";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import {
  openDriftAlertsByPrompt,
  type PromptDetailJson,
  type PromptListItemJson,
  promptMetricsJson,
} from "./prompt-json.js";
import {
  parseLabelBody,
  parseMetricsQuery,
  parsePushBody,
  parseSelectorQuery,
  selectorOfParameter,
} from "./prompt-params.js";
import { invalidParameter } from "./trace-query-params.js";

type PromptsContext = Pick<ServerContext, "store" | "prompts" | "clock">;

/**
 * Who acts through the API: the key's name and scopes, or, on an open loopback server (no key in
 * force), `local` as admin, like the CLI on the same machine.
 */
export function promptActorOf(apiKey: ApiKeyRecord | undefined): PromptActor {
  return apiKey === undefined
    ? { name: "local", scopes: ["admin"] }
    : { name: apiKey.name, scopes: apiKey.scopes };
}

/**
 * The prompt registry over HTTP: the list (with open drift alerts), one prompt (versions, labels,
 * history, drift), a version, `resolve` (what `httpPromptFetcher` asks), diffs, per-version metrics,
 * push (scope `write`) and label moves (`write`; protected labels need `release` or `admin`). A push or
 * a move drops this process's cached copies of the prompt, so its agents serve the change at once.
 */
export function promptsRoutes(context: PromptsContext): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  const { registry, client } = context.prompts;

  app.get("/api/v1/prompts", async (c) => {
    const [summaries, drift] = await Promise.all([registry.list(), openDriftAlertsByPrompt(context.store)]);
    const prompts: PromptListItemJson[] = summaries.map((summary) => ({
      ...summary,
      openDriftAlerts: drift.get(summary.promptId)?.length ?? 0,
    }));
    return c.json({ prompts });
  });

  app.post("/api/v1/prompts", async (c) => {
    const body = await parsePushBody(c.req.raw);
    const result = await registry.push(body.source, body.file ?? "request body", {
      author: c.get("apiKey")?.name ?? "api",
      ...(body.message === undefined ? {} : { message: body.message }),
      ...(body.force === undefined ? {} : { force: body.force }),
    });
    client.invalidate(result.version.id);
    return c.json(result, result.outcome === "created" ? 201 : 200);
  });

  app.get("/api/v1/prompts/:id", async (c) => {
    const id = c.req.param("id");
    // PROMPT_NOT_FOUND (404), with the registry's hint, for a prompt never pushed.
    const versions = await registry.versions(id);
    const [summaries, labels, history, drift] = await Promise.all([
      registry.list(),
      registry.labels(id),
      registry.history(id),
      openDriftAlertsByPrompt(context.store),
    ]);
    // Versions are never deleted, so a prompt that has some is listed.
    const prompt = summaries.find((summary) => summary.promptId === id)!;
    const detail: PromptDetailJson = { prompt, versions, labels, history, driftAlerts: drift.get(id) ?? [] };
    return c.json(detail);
  });

  app.get("/api/v1/prompts/:id/versions/:version", async (c) => {
    const version = c.req.param("version");
    if (semver.valid(version) === null) {
      throw invalidParameter(
        "version",
        `must be an exact version such as 1.2.0, got '${version}'`,
        "prompts",
      );
    }
    return c.json(await registry.get(c.req.param("id"), { version }));
  });

  app.get("/api/v1/prompts/:id/resolve", async (c) =>
    c.json(await registry.get(c.req.param("id"), parseSelectorQuery(c.req.query()))),
  );

  app.get("/api/v1/prompts/:id/diff", async (c) => {
    const id = c.req.param("id");
    const to = selectorOfParameter("to", c.req.query("to")) ?? {};
    const from = selectorOfParameter("from", c.req.query("from")) ?? (await previousVersionOf(id, to));
    return c.json(await registry.diff(id, from, to));
  });

  app.get("/api/v1/prompts/:id/metrics", async (c) => {
    const id = c.req.param("id");
    const filters = parseMetricsQuery(c.req.query(), context.clock);
    const versions = await registry.versions(id);
    const usages = await context.store.prompts.usageByHash({ promptId: id, ...filters, withScores: true });
    return c.json({ promptId: id, ...filters, metrics: promptMetricsJson(versions, usages) });
  });

  app.put("/api/v1/prompts/:id/labels/:label", async (c) => {
    const id = c.req.param("id");
    const { version } = await parseLabelBody(c.req.raw);
    const result = await registry.moveLabel(
      id,
      c.req.param("label"),
      version,
      promptActorOf(c.get("apiKey")),
    );
    if (result.moved) client.invalidate(id);
    return c.json(result);
  });

  // Without `from`, a diff compares `to` with the version just below it: "what changed in this one".
  async function previousVersionOf(id: string, to: { label?: string; version?: string }) {
    const target = await registry.get(id, to);
    const previous = (await registry.versions(id)).find((candidate) =>
      semver.lt(candidate.version, target.version),
    );
    if (previous === undefined) {
      throw invalidParameter("from", `is needed: ${id} has no version before ${target.version}`, "prompts");
    }
    return { version: previous.version };
  }

  return app;
}
