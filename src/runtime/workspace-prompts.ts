import { readFile } from "node:fs/promises";
import { join } from "node:path";
import semver from "semver";
import type { Clock, JsonValue, Workspace } from "../core/index.js";
import type { ModelAccess } from "../models/index.js";
import {
  type ConsumerContract,
  consumerContractFromJson,
  createPromptClient,
  createPromptRegistry,
  type ParsedPrompt,
  type PromptClient,
  type PromptGate,
  type PromptRegistry,
  type PromptSelector,
  parseConsumersFile,
  parseReplayFile,
  promptsCheckGate,
  type ReplayGenerate,
  type ReplaySet,
  renderPrompt,
  type ServedPrompt,
  storePromptFetcher,
  workspaceBundledPrompts,
} from "../prompts/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { PromptReference } from "./agent-definition.js";
import type { ResolvedPrompt } from "./runtime-spec.js";

// The prompts of a loaded workspace: the registry in its store (label rules and gates from
// `prompts` in the config, with `prompts-check` built in), the client that serves agents (label,
// cache, fallback to the workspace's own prompt files), and what `gantry prompts check` replays on.

export interface WorkspacePrompts {
  registry: PromptRegistry;
  client: PromptClient;
  /** Renders an agent's prompt reference (label or version, variables, includes). */
  resolve(reference: PromptReference): Promise<ResolvedPrompt & { output?: JsonValue; label?: string }>;
  /** The consumer contracts of a prompt: `prompts/<id>.consumers.yaml` plus those registered through the API. */
  contracts(promptId: string): Promise<ConsumerContract[]>;
  /** `prompts/<id>.replay.yaml`, when the workspace has one. */
  replaySet(promptId: string): Promise<ReplaySet | undefined>;
  /** Asks the workspace's models one replay question (temperature 0, fixed seed). */
  generate: ReplayGenerate;
}

export interface WorkspacePromptsOptions {
  workspace: Workspace;
  store: Store;
  modelAccess: ModelAccess;
  telemetry?: Telemetry;
  clock?: Clock;
  /** More gates for the label rules (the eval gates `evals:<suite>` the CLI and server build). */
  gates?: readonly PromptGate[];
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A reference's `version` is a semver (exact) or a label name. */
export function selectorOf(version: string | undefined): PromptSelector {
  if (version === undefined) return {};
  return semver.valid(version) ? { version } : { label: version };
}

function asParsed(served: ServedPrompt): ParsedPrompt {
  return { frontMatter: served.frontMatter, template: served.template, hash: served.hash, file: served.id };
}

const replaySeed = 7;

/** The model a replay runs on: an override, else the replay file's, else the prompt's hint, else the default. */
export function withReplayModel(
  set: ReplaySet,
  prompt: Pick<ParsedPrompt, "frontMatter">,
  override?: string,
): ReplaySet {
  const hint = prompt.frontMatter.model;
  const model = override ?? set.model ?? (hint?.tier ? `tier:${hint.tier}` : hint?.id);
  return model ? { ...set, model } : set;
}

/** Builds the workspace's prompt registry, client and check inputs. */
export function createWorkspacePrompts(options: WorkspacePromptsOptions): WorkspacePrompts {
  const { workspace, store, modelAccess, telemetry, clock } = options;
  const settings = workspace.config.prompts;
  const promptsDir = join(workspace.root, "prompts");

  const contracts = async (promptId: string): Promise<ConsumerContract[]> => {
    const file = join(promptsDir, `${promptId}.consumers.yaml`);
    const source = await readOptional(file);
    const fromFile = source === undefined ? [] : parseConsumersFile(source, file);
    // Contracts sent through the API were checked on the way in; checked again, a bad row fails loudly.
    const registered = await store.prompts.listConsumers(promptId);
    const fromApi = registered.map((entry) => consumerContractFromJson(entry.contract, "api"));
    return [...fromFile, ...fromApi];
  };
  const replaySet = async (promptId: string): Promise<ReplaySet | undefined> => {
    const file = join(promptsDir, `${promptId}.replay.yaml`);
    const source = await readOptional(file);
    return source === undefined ? undefined : parseReplayFile(source, file);
  };
  const generate: ReplayGenerate = async (request) => {
    const result = await modelAccess.client.generate({
      ...(request.model ? { model: request.model } : {}),
      prompt: [
        ...(request.system ? [{ role: "system" as const, content: request.system }] : []),
        { role: "user", content: [{ type: "text", text: request.user }] },
      ],
      ...(request.outputSchema
        ? { responseFormat: { type: "json" as const, schema: request.outputSchema as never } }
        : {}),
      temperature: 0,
      seed: replaySeed,
    });
    const text = result.content
      .filter((part) => part.type === "text")
      .map((part) => part.text)
      .join("");
    return { text, ...(result.cost.micros === null ? {} : { costMicros: result.cost.micros }) };
  };

  const checkGate = promptsCheckGate({
    loadContext: async (promptId, gate) => {
      const replay = await replaySet(promptId);
      return {
        contracts: await contracts(promptId),
        ...(replay ? { replay: withReplayModel(replay, gate.candidate), generate } : {}),
      };
    },
  });
  const registry = createPromptRegistry({
    store,
    ...(clock ? { clock } : {}),
    rules: settings.labels,
    gates: [checkGate, ...(settings.gates as PromptGate[]), ...(options.gates ?? [])],
  });
  const client = createPromptClient({
    fetcher: storePromptFetcher(registry),
    bundled: workspaceBundledPrompts(workspace.root),
    label: settings.label,
    ttlMs: settings.cache.ttlSeconds * 1000,
    maxStaleMs: settings.cache.maxStaleSeconds * 1000,
    ...(clock ? { clock } : {}),
    ...(telemetry ? { telemetry } : {}),
  });

  const resolve: WorkspacePrompts["resolve"] = async (reference) => {
    const selector = selectorOf(reference.version);
    const served = await client.getPrompt(reference.id, selector);
    const rendered = await renderPrompt(asParsed(served), reference.variables ?? {}, {
      resolveInclude: async (include) =>
        asParsed(await client.getPrompt(include.id, selectorOf(include.version ?? "latest"))),
    });
    return {
      id: served.id,
      text: rendered.text.trim(),
      version: served.version,
      hash: served.hash,
      source: served.servedFrom,
      label: selector.version ? undefined : (selector.label ?? settings.label),
      ...(served.frontMatter.output ? { output: served.frontMatter.output as JsonValue } : {}),
    } as ResolvedPrompt & { output?: JsonValue; label?: string };
  };

  return { registry, client, resolve, contracts, replaySet, generate };
}
