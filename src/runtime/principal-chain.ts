import type { PrincipalChain } from "../guard/index.js";
import type { RunContext } from "./run-context.js";

/** The principal chain of a run: who started it, the project, the agent, the session, its delegations. */
export function principalChain(context: RunContext): PrincipalChain {
  const { state, agent } = context;
  return {
    ...(state.apiKeyId ? { apiKeyId: state.apiKeyId } : {}),
    project: state.projectId,
    agent: agent.name,
    agentVersion: agent.version,
    ...(state.sessionId ? { session: state.sessionId } : {}),
    runId: state.runId,
    delegation: state.delegation ?? [],
  };
}

/** The environment policies decide in: the runtime's, `development` by default. */
export function runEnvironment(context: RunContext): string {
  return context.deps.environment ?? "development";
}
