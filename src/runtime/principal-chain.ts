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
