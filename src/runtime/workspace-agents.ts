import { GantryError } from "../core/index.js";
import { isAgent } from "./agent-definition.js";

// The agents a workspace declares (`agents: [...]` in gantry.config.ts) are plain values to the
// config schema; this is where they are checked to really be agents, with distinct names.

/** The problem with a list of agents, or undefined when every entry is a uniquely named agent. */
export function invalidAgents(agents: readonly unknown[]): GantryError | undefined {
  const seen = new Set<string>();
  for (const [index, agent] of agents.entries()) {
    if (!isAgent(agent)) {
      return new GantryError({
        code: "CONFIG_INVALID",
        message: `agents[${index}] in gantry.config.ts was not made by defineAgent`,
        domain: "CONFIG",
        category: "USER",
        details: { path: `agents.${index}` },
        hint: 'Import defineAgent from "gantry" and wrap the agent: defineAgent({ name, instructions, tools }).',
      });
    }
    if (seen.has(agent.name)) {
      return new GantryError({
        code: "CONFIG_INVALID",
        message: `Two agents in gantry.config.ts are named "${agent.name}"`,
        domain: "CONFIG",
        category: "USER",
        details: { path: `agents.${index}`, agent: agent.name },
        hint: "Give each agent a unique name.",
      });
    }
    seen.add(agent.name);
  }
  return undefined;
}
