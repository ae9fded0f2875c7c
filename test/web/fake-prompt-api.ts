import semver from "semver";
import { lineDiff } from "../../src/core/index.js";
import {
  classifyPromptChange,
  type PromptDiff,
  type PromptVersionInfo,
  parsePromptFile,
} from "../../src/prompts/index.js";
import type { PromptDetailJson, PromptListItemJson } from "../../src/server/index.js";
import type { StoredPromptSummary } from "../../src/store/index.js";
import type { FakePrompt } from "./fake-prompt-samples.js";
import type { FakeApiAnswer } from "./fake-trace-api.js";

// The prompt registry's read endpoints of the control plane over the sample prompts, with the shapes
// and errors of src/server/routes/prompts-routes.ts: the list with drift counts, one prompt, its
// per-version metrics, and diffs computed with the registry's own line diff and classification.

function error(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): FakeApiAnswer {
  return {
    status,
    body: { error: { name: "GantryError", code, message, domain: "PROMPT", category: "USER", details } },
  };
}

function summaryOf(prompt: FakePrompt): StoredPromptSummary {
  const latest = prompt.versions[0]!;
  const labels = Object.fromEntries(prompt.labels.map((label) => [label.label, label.version]));
  const updatedAt = [...prompt.labels.map((label) => label.updatedAt), latest.createdAt].sort().at(-1)!;
  return {
    projectId: "default",
    promptId: prompt.id,
    latestVersion: latest.version,
    latestHash: latest.hash,
    description: latest.frontMatter.description ?? null,
    versions: prompt.versions.length,
    labels,
    updatedAt,
  };
}

// A selector as the server reads it: a semver is that version, anything else a label.
function resolve(prompt: FakePrompt, selector: string): PromptVersionInfo | FakeApiAnswer {
  const version = semver.valid(selector)
    ? selector
    : prompt.labels.find((label) => label.label === selector)?.version;
  if (version === undefined) {
    return error(404, "PROMPT_LABEL_NOT_FOUND", `Prompt "${prompt.id}" has no label "${selector}"`);
  }
  const found = prompt.versions.find((info) => info.version === version);
  return found ?? error(404, "PROMPT_VERSION_NOT_FOUND", `Prompt "${prompt.id}" has no version ${version}`);
}

function isAnswer(value: PromptVersionInfo | FakeApiAnswer): value is FakeApiAnswer {
  return "status" in value;
}

function diffAnswer(prompt: FakePrompt, query: URLSearchParams): FakeApiAnswer {
  const to = resolve(prompt, query.get("to") ?? "latest");
  if (isAnswer(to)) return to;
  const fromSelector = query.get("from");
  const from =
    fromSelector === null
      ? prompt.versions.find((info) => semver.lt(info.version, to.version))
      : resolve(prompt, fromSelector);
  if (from === undefined) {
    return error(
      400,
      "QUERY_PARAMETER_INVALID",
      `Query parameter 'from' is needed: ${prompt.id} has no version before ${to.version}`,
    );
  }
  if (isAnswer(from)) return from;
  const parsed = (info: PromptVersionInfo) => parsePromptFile(info.source, `${info.id}@${info.version}`);
  const diff: PromptDiff = {
    promptId: prompt.id,
    from: { version: from.version, hash: from.hash },
    to: { version: to.version, hash: to.hash },
    lines: lineDiff(from.source, to.source),
    classification: classifyPromptChange(parsed(from), parsed(to)),
  };
  return { status: 200, body: diff };
}

/** The JSON the fake answers for `GET /api/v1/prompts` (typed as the server's). */
export function fakePromptList(prompts: readonly FakePrompt[]): { prompts: PromptListItemJson[] } {
  return {
    prompts: prompts.map((prompt) => ({ ...summaryOf(prompt), openDriftAlerts: prompt.driftAlerts.length })),
  };
}

/** The JSON the fake answers for `GET /api/v1/prompts/:id`. */
export function fakePromptDetail(prompt: FakePrompt): PromptDetailJson {
  return {
    prompt: summaryOf(prompt),
    versions: prompt.versions,
    labels: prompt.labels,
    history: prompt.history,
    driftAlerts: prompt.driftAlerts,
  };
}

/** Answers the prompt endpoints the dashboard reads, or undefined for other paths. */
export function answerPromptApi(
  request: { method: string; pathname: string; query: URLSearchParams },
  context: { prompts: readonly FakePrompt[] },
): FakeApiAnswer | undefined {
  if (request.method !== "GET") return undefined;
  if (request.pathname === "/api/v1/prompts") return { status: 200, body: fakePromptList(context.prompts) };
  const match = /^\/api\/v1\/prompts\/([^/]+)(?:\/(metrics|diff))?$/.exec(request.pathname);
  if (match === null) return undefined;
  const id = decodeURIComponent(match[1]!);
  const prompt = context.prompts.find((candidate) => candidate.id === id);
  if (prompt === undefined) {
    return error(404, "PROMPT_NOT_FOUND", `Prompt "${id}" is not in the registry (project default)`);
  }
  if (match[2] === "metrics") return { status: 200, body: { promptId: id, metrics: prompt.metrics } };
  if (match[2] === "diff") return diffAnswer(prompt, request.query);
  return { status: 200, body: fakePromptDetail(prompt) };
}
