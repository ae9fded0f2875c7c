// The runtime module's only entry point: agents, tools, the step loop and run state.

export * from "./agent-definition.js";
export type * from "./run-events.js";
export * from "./run-state.js";
export type * from "./runtime-spec.js";
export * from "./tool-definition.js";
