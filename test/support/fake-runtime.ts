import { GantryError } from "../../src/core/index.js";
import type { AgentDefinition, Runtime } from "../../src/runtime/index.js";

/**
 * A Runtime with agents but no step loop, for tests of routes that only read stored runs: starting or
 * resuming a run through it fails loudly instead of running anything.
 */
export function readOnlyRuntime(agents: readonly AgentDefinition[] = []): Runtime {
  const refuse = (): never => {
    throw new GantryError({
      code: "TEST_RUNTIME_READ_ONLY",
      message: "This test's runtime does not run agents",
      domain: "AGENT",
      category: "SYSTEM",
    });
  };
  return {
    agents,
    agent(name) {
      const agent = agents.find((candidate) => candidate.name === name);
      if (agent === undefined) {
        throw new GantryError({
          code: "AGENT_NOT_FOUND",
          message: `No agent named "${name}"`,
          domain: "AGENT",
          category: "USER",
        });
      }
      return agent;
    },
    start: async () => refuse(),
    run: async () => refuse(),
    resume: async () => refuse(),
  };
}
