import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { temporaryWorkspace } from "./temporary-workspace.js";

// A small workspace with agents on the sim model, for the run tests of the CLI and the HTTP API:
//   helper    looks up an order with its `lookup_order` tool, then answers from the result
//   budgeted  the same, under an agent budget too small for one call: it pauses before its first step
//   stepper   calls the tool but may take only one step: it fails with RUN_LIMIT_REACHED
//   gated     calls `wait_for_gate`, which waits until the test calls globalThis.gantryTestOpenGate()
//             (only in-process: the HTTP tests load this config into the test's own process)

const scenario = `name: run-tests
includeDefaultRules: false
rules:
  - name: look-up
    match: { toolsOffered: [lookup_order], toolResults: false }
    reply:
      toolCalls:
        - name: lookup_order
          arguments: { orderId: "A-7" }
  - name: answer
    match: { toolResults: [lookup_order] }
    reply:
      text: "Order {{toolResult.lookup_order.orderId}} is {{toolResult.lookup_order.status}}."
  - name: wait
    match: { toolsOffered: [wait_for_gate], toolResults: false }
    reply:
      toolCalls:
        - name: wait_for_gate
          arguments: { ticket: "T-1" }
  - name: gate-opened
    match: { toolResults: [wait_for_gate] }
    reply:
      text: "The gate opened for {{toolResult.wait_for_gate.ticket}}."
  - name: plain
    reply:
      text: "Hello from the sim."
`;

/** The gantry.config.ts of the run tests; `agentBudgetUsd` caps the `budgeted` agent. */
export function agentWorkspaceConfig(options: { agentBudgetUsd?: number } = {}): string {
  return `import { defineAgent, defineConfig, defineTool, z } from "gantry";

const lookupOrder = defineTool({
  name: "lookup_order",
  description: "Look up an order by id.",
  input: z.object({ orderId: z.string() }),
  output: z.object({ orderId: z.string(), status: z.string() }),
  annotations: { readOnly: true, idempotent: true },
  execute: ({ orderId }) => {
    const calls = (globalThis as { gantryLookups?: number }).gantryLookups ?? 0;
    (globalThis as { gantryLookups?: number }).gantryLookups = calls + 1;
    return { orderId, status: "shipped" };
  },
});

const waitForGate = defineTool({
  name: "wait_for_gate",
  description: "Wait until the gate opens.",
  input: z.object({ ticket: z.string() }),
  execute: async ({ ticket }) => {
    const state = globalThis as { gantryTestGate?: Promise<void>; gantryTestOpenGate?: () => void };
    state.gantryTestGate ??= new Promise<void>((resolve) => {
      state.gantryTestOpenGate = resolve;
    });
    await state.gantryTestGate;
    return { ticket, opened: true };
  },
});

const tools = { tools: [lookupOrder], instructions: "You help with orders." };

export default defineConfig({
  name: "run-tests",
  agents: [
    defineAgent({ name: "helper", version: "1.0.0", description: "Answers order questions.", ...tools }),
    defineAgent({ name: "budgeted", ...tools }),
    defineAgent({ name: "stepper", ...tools, limits: { maxSteps: 1 } }),
    defineAgent({ name: "gated", tools: [waitForGate], instructions: "You wait for the gate." }),
  ],
  budgets: {
    limits: [{ scope: "agent", id: "budgeted", limitUsd: ${options.agentBudgetUsd ?? 0.00001} }],
  },
  models: {
    default: "sim:default",
    tiers: { small: ["sim:fast"] },
    sim: { scenarios: ["scenarios/run-tests.sim.yaml"] },
  },
});
`;
}

/** A temporary workspace (removed after the test file) with the run tests' agents and scenario. */
export function agentWorkspace(options: { agentBudgetUsd?: number } = {}): string {
  const root = temporaryWorkspace(agentWorkspaceConfig(options));
  mkdirSync(join(root, "scenarios"));
  writeFileSync(join(root, "scenarios", "run-tests.sim.yaml"), scenario);
  // Tool calls are denied by default: these agents may call every tool they have.
  mkdirSync(join(root, "policies"));
  writeFileSync(
    join(root, "policies", "tests.cedar"),
    'permit (principal, action in Action::"tools", resource);\n',
  );
  return root;
}
