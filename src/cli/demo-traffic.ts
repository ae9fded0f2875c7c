import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Store } from "../store/index.js";

/** Support tickets the demo sends; the example's sim scenario classifies each one. */
export const demoTickets = [
  "I was charged twice for order A-1042, please refund the second payment.",
  "My parcel was due on Monday and still has not arrived.",
  "I cannot log in, it says my account is locked.",
];

interface ModelsListBody {
  data: { id: string; x_gantry?: { candidates?: string[]; available?: boolean } }[];
}

interface AgentsListBody {
  agents: { name: string; model: string | null }[];
}

/** Whether every model a model id or tier can reach is a `sim:` model (so the demo spends nothing real). */
function simulatedOnly(models: ModelsListBody, model: string): boolean {
  if (model.startsWith("sim:")) return true;
  const candidates = models.data.find((entry) => entry.id === model)?.x_gantry?.candidates ?? [];
  return candidates.length > 0 && candidates.every((id) => id.startsWith("sim:"));
}

/**
 * Sends a few calls through the server's own gateway so a fresh dashboard has traces to show. It
 * only ever spends simulated money: it runs when the tier resolves to `sim:` models alone, and only
 * while the store holds no traces yet. Returns how many calls it made.
 */
export async function sendDemoTraffic(
  serverUrl: string,
  store: Pick<Store, "spans">,
  signal?: AbortSignal,
  tier = "tier:small",
): Promise<number> {
  if ((await store.spans.listRecentTraces({ limit: 1 })).length > 0) return 0;
  const models = (await (await fetch(`${serverUrl}/v1/models`, { signal })).json()) as ModelsListBody;
  if (!simulatedOnly(models, tier)) return 0;
  let sent = 0;
  for (const ticket of demoTickets) {
    const response = await fetch(`${serverUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: tier,
        messages: [
          { role: "system", content: "Classify the support ticket. Answer with JSON: category, confidence." },
          { role: "user", content: ticket },
        ],
        response_format: { type: "json_object" },
      }),
      signal,
    });
    await response.arrayBuffer();
    if (response.ok) sent += 1;
  }
  return sent;
}

/**
 * Runs each of the workspace's agents once on the first demo ticket, so a fresh dashboard's Runs page
 * has something to show: only agents whose model resolves to `sim:` models alone, and only while the
 * store holds no runs. Returns how many runs it started and finished.
 */
export async function sendDemoRuns(
  serverUrl: string,
  store: Pick<Store, "runs">,
  defaultModel: string,
  signal?: AbortSignal,
): Promise<number> {
  if ((await store.runs.list({ limit: 1 })).items.length > 0) return 0;
  const models = (await (await fetch(`${serverUrl}/v1/models`, { signal })).json()) as ModelsListBody;
  const agents = (await (await fetch(`${serverUrl}/api/v1/agents`, { signal })).json()) as AgentsListBody;
  let finished = 0;
  for (const agent of agents.agents) {
    if (!simulatedOnly(models, agent.model ?? defaultModel)) continue;
    const response = await fetch(`${serverUrl}/api/v1/agents/${encodeURIComponent(agent.name)}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: demoTickets[0] }),
      signal,
    });
    await response.arrayBuffer();
    if (response.ok) finished += 1;
  }
  return finished;
}

/**
 * Pushes the workspace's prompt files through the API and releases each to `production` (through its
 * gates), so a fresh dashboard's Prompts page has versions, labels and, after the demo runs, per-version
 * metrics. Only while the registry is empty. Returns how many prompts it released.
 */
export async function sendDemoPrompts(
  serverUrl: string,
  root: string,
  store: Pick<Store, "prompts">,
  signal?: AbortSignal,
): Promise<number> {
  if ((await store.prompts.list()).length > 0) return 0;
  const folder = join(root, "prompts");
  if (!existsSync(folder)) return 0;
  let released = 0;
  for (const name of (await readdir(folder)).filter((file) => file.endsWith(".prompt.md")).sort()) {
    const source = await readFile(join(folder, name), "utf8");
    const pushed = await fetch(`${serverUrl}/api/v1/prompts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source, file: `prompts/${name}`, message: "pushed by the demo on first start" }),
      signal,
    });
    if (!pushed.ok) {
      await pushed.arrayBuffer();
      continue;
    }
    const { version } = (await pushed.json()) as { version: { id: string; version: string } };
    const label = await fetch(
      `${serverUrl}/api/v1/prompts/${encodeURIComponent(version.id)}/labels/production`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ version: version.version }),
        signal,
      },
    );
    await label.arrayBuffer();
    if (label.ok) released += 1;
  }
  return released;
}

interface EvalSuitesBody {
  suites: { name: string; target: { kind: string; agent?: string; model?: string } }[];
}

/** Whether every model the workspace can call is simulated: an eval's target and its judge then spend nothing real. */
function everyModelSimulated(models: ModelsListBody): boolean {
  const callable = models.data.filter((entry) => entry.x_gantry?.available !== false);
  return callable.every((entry) =>
    (entry.x_gantry?.candidates ?? [entry.id]).every((id) => id.startsWith("sim:")),
  );
}

/**
 * Starts one eval run of the workspace's `suite` through the API (label `demo`), so a fresh
 * dashboard's Evals page has a run with cases, scores and traces: only while the store holds no run
 * of that suite, only when the suite exists, and only when every configured model is simulated (the target and
 * the judge spend nothing real). The run goes on in the server; returns its id, or undefined.
 */
export async function sendDemoEval(
  serverUrl: string,
  store: Pick<Store, "evals">,
  signal?: AbortSignal,
  suite = "triage",
): Promise<string | undefined> {
  // The demo's own prompt release may already have run another suite (a label gate): only this one counts.
  if ((await store.evals.listRuns({ suite, limit: 1 })).length > 0) return undefined;
  const models = (await (await fetch(`${serverUrl}/v1/models`, { signal })).json()) as ModelsListBody;
  if (!everyModelSimulated(models)) return undefined;
  const suites = (await (
    await fetch(`${serverUrl}/api/v1/evals/suites`, { signal })
  ).json()) as EvalSuitesBody;
  if (!suites.suites.some((candidate) => candidate.name === suite)) return undefined;
  const started = await fetch(`${serverUrl}/api/v1/evals/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ suite, label: "demo" }),
    signal,
  });
  if (!started.ok) {
    await started.arrayBuffer();
    return undefined;
  }
  return ((await started.json()) as { run: { id: string } }).run.id;
}
