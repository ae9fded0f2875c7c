import { type Clock, isoNow, type JsonValue, newId, systemClock } from "../core/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { createEventChannel } from "./event-channel.js";
import { loadRunState } from "./load-run-state.js";
import type { RunContext } from "./run-context.js";
import { agentNotFound, runNotFound, runNotResumable } from "./run-errors.js";
import type { RunEvent } from "./run-events.js";
import { runSegment } from "./run-segment.js";
import { type RunState, runStateSchemaVersion } from "./run-state.js";
import type { RunHandle, RunOptions, RunResult, Runtime, RuntimeDeps } from "./runtime-spec.js";
import { invalidAgents } from "./workspace-agents.js";

// The runtime: a registry of agents and the door to runs. `start` creates the run record and its
// first checkpoint, `resume` loads the last checkpoint; both hand the state to a segment.

export interface CreateRuntimeOptions extends RuntimeDeps {
  agents: readonly AgentDefinition[];
}

function collectAgents(agents: readonly AgentDefinition[]): Map<string, AgentDefinition> {
  const byName = new Map<string, AgentDefinition>();
  const visit = (agent: AgentDefinition) => {
    if (byName.get(agent.name) === agent) return;
    byName.set(agent.name, agent);
    for (const subagent of agent.subagents) visit(subagent);
  };
  for (const agent of agents) visit(agent);
  return byName;
}

function userText(input: JsonValue): string {
  return typeof input === "string" ? input : JSON.stringify(input);
}

/** Builds a runtime over the given agents and dependencies. */
export function createRuntime(options: CreateRuntimeOptions): Runtime {
  const problem = invalidAgents(options.agents);
  if (problem) throw problem;
  const deps: RuntimeDeps = options;
  const clock: Clock = options.clock ?? systemClock;
  const agents = collectAgents(options.agents);
  const topLevel = [...options.agents];

  function agent(name: string): AgentDefinition {
    const found = agents.get(name);
    if (!found)
      throw agentNotFound(
        name,
        topLevel.map((known) => known.name),
      );
    return found;
  }

  function handle(
    state: RunState,
    definition: AgentDefinition,
    resumed: boolean,
    runOptions: Pick<RunOptions, "stream" | "signal">,
  ): RunHandle {
    const channel = createEventChannel<RunEvent>();
    const result = runSegment({
      agent: definition,
      state,
      deps,
      clock,
      stream: runOptions.stream === true,
      resumed,
      ...(runOptions.signal ? { signal: runOptions.signal } : {}),
      channel,
      runSubagent,
    });
    return { runId: state.runId, events: channel.iterable, result };
  }

  async function create(
    definition: AgentDefinition,
    runOptions: RunOptions,
    inherited?: RunState,
  ): Promise<RunState> {
    const runId = newId("run", clock);
    const state: RunState = {
      schemaVersion: runStateSchemaVersion,
      runId,
      agent: { name: definition.name, version: definition.version },
      ...(definition.model ? { model: definition.model } : {}),
      input: runOptions.input,
      ...(runOptions.sessionId ? { sessionId: runOptions.sessionId } : {}),
      ...(runOptions.apiKeyId ? { apiKeyId: runOptions.apiKeyId } : {}),
      parentRunIds: [...(runOptions.parentRunIds ?? [])],
      projectId: deps.projectId ?? "default",
      messages: [{ role: "user", content: [{ type: "text", text: userText(runOptions.input) }] }],
      steps: 0,
      toolCalls: [],
      costMicros: 0,
      unpricedCalls: 0,
      inputTokens: 0,
      outputTokens: 0,
      repairs: 0,
      toolsDisabled: false,
      elapsedMs: 0,
      startedAt: isoNow(clock),
      // A subagent inherits the handoff chain, so two agents calling each other back and forth trip.
      ...(inherited?.breaker
        ? {
            breaker: {
              spentMicros: 0,
              iterations: 0,
              recentSpend: [],
              recentToolCalls: [],
              handoffs: [...inherited.breaker.handoffs],
              trips: [],
            },
          }
        : {}),
    };
    await deps.store.runs.create({
      id: runId,
      projectId: state.projectId,
      agent: definition.name,
      agentVersion: definition.version,
      status: "running",
      input: runOptions.input,
      state: state as unknown as JsonValue,
      schemaVersion: runStateSchemaVersion,
      parentRunId: runOptions.parentRunIds?.[0] ?? null,
      sessionId: runOptions.sessionId ?? null,
    });
    return state;
  }

  async function runSubagent(
    parent: RunContext,
    definition: AgentDefinition,
    input: string,
  ): Promise<RunResult> {
    const state = await create(
      definition,
      {
        input,
        ...(parent.state.sessionId ? { sessionId: parent.state.sessionId } : {}),
        ...(parent.state.apiKeyId ? { apiKeyId: parent.state.apiKeyId } : {}),
        parentRunIds: [parent.state.runId, ...parent.state.parentRunIds],
      },
      parent.state,
    );
    state.delegation = [...(parent.state.delegation ?? []), parent.agent.name];
    return handle(state, definition, false, { stream: parent.stream, signal: parent.signal }).result;
  }

  const runtime: Runtime = {
    agents: topLevel,
    agent,
    async start(agentName, runOptions) {
      const definition = agent(agentName);
      const state = await create(definition, runOptions);
      return handle(state, definition, false, runOptions);
    },
    async run(agentName, runOptions) {
      return (await runtime.start(agentName, runOptions)).result;
    },
    async resume(runId, runOptions = {}) {
      const record = await deps.store.runs.get(runId);
      if (!record) throw runNotFound(runId);
      if (record.status === "completed" || record.status === "cancelled") {
        throw runNotResumable(runId, record.status, "it already ended");
      }
      const category = (record.error as { category?: string } | null)?.category;
      if (record.status === "failed" && category !== "THIRD_PARTY") {
        throw runNotResumable(runId, record.status, "it failed for a reason a retry would not fix");
      }
      const definition = agent(record.agent);
      const state = loadRunState(runId, record.state);
      state.stopReason = undefined;
      return handle(state, definition, true, runOptions);
    },
  };
  return runtime;
}
