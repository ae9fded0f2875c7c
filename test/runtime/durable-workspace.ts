import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// A workspace for crash tests: an agent that looks an order up, refunds it, then notifies the
// customer. Each tool logs every execution to executions.jsonl; the refund tool keeps refunds in
// refunds.json keyed by idempotency key. GANTRY_TEST_HANG_IN=<tool> makes that tool write
// `hanging` to stdout after its side effect and never return, so a test can kill -9 right there.

function durableConfig(root: string): string {
  return `
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineAgent, defineConfig, defineTool, z } from "gantry";

const root = ${JSON.stringify(root)};
const log = (tool, context) =>
  appendFileSync(join(root, "executions.jsonl"), JSON.stringify({ tool, attempt: context.attempt, key: context.idempotencyKey }) + "\\n");
const hangIf = async (tool) => {
  if (process.env.GANTRY_TEST_HANG_IN !== tool) return;
  process.stdout.write("hanging in " + tool + "\\n");
  await new Promise(() => {});
};

const lookupOrder = defineTool({
  name: "lookup_order",
  description: "Look up an order",
  input: z.object({ orderId: z.string() }),
  output: z.object({ orderId: z.string(), totalUsd: z.number() }),
  execute: async ({ orderId }, context) => {
    log("lookup_order", context);
    return { orderId, totalUsd: 42.5 };
  },
});

const issueRefund = defineTool({
  name: "issue_refund",
  description: "Refund an order",
  input: z.object({ orderId: z.string(), amountUsd: z.number() }),
  output: z.object({ refundId: z.string() }),
  annotations: { destructive: true },
  execute: async ({ orderId, amountUsd }, context) => {
    log("issue_refund", context);
    const file = join(root, "refunds.json");
    const refunds = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
    let refund = refunds.find((candidate) => candidate.key === context.idempotencyKey);
    if (!refund) {
      refund = { refundId: "R-" + (refunds.length + 1), orderId, amountUsd, key: context.idempotencyKey };
      writeFileSync(file, JSON.stringify([...refunds, refund]));
    }
    await hangIf("issue_refund");
    return { refundId: refund.refundId };
  },
});

const notifyCustomer = defineTool({
  name: "notify_customer",
  description: "Tell the customer",
  input: z.object({ text: z.string() }),
  execute: async (_input, context) => {
    log("notify_customer", context);
    await hangIf("notify_customer");
    return { sent: true };
  },
});

export default defineConfig({
  models: { default: "sim:default", sim: { seed: 5, scenarios: ["refund.sim.yaml"] } },
  agents: [
    defineAgent({ name: "refunder", instructions: "Refund orders.", tools: [lookupOrder, issueRefund, notifyCustomer] }),
  ],
});
`;
}

export const durableScenario = `
rules:
  - match: { toolResults: [notify_customer] }
    reply: { text: "Refund {{toolResult.issue_refund.refundId}} done and the customer was told." }
  - match: { toolResults: [issue_refund] }
    reply: { toolCalls: [{ name: notify_customer, arguments: { text: "Refund {{toolResult.issue_refund.refundId}} is on its way" } }] }
  - match: { toolResults: [lookup_order] }
    reply: { toolCalls: [{ name: issue_refund, arguments: { orderId: "{{toolResult.lookup_order.orderId}}", amountUsd: "{{toolResult.lookup_order.totalUsd}}" } }] }
  - reply: { toolCalls: [{ name: lookup_order, arguments: { orderId: "A-1001" } }] }
  `;

/** Writes the crash-test workspace into `root`. */
export function writeDurableWorkspace(root: string): void {
  writeFileSync(join(root, "gantry.config.mjs"), durableConfig(root));
  writeFileSync(join(root, "refund.sim.yaml"), durableScenario);
  mkdirSync(join(root, "policies"));
  writeFileSync(
    join(root, "policies", "tests.cedar"),
    'permit (principal, action in Action::"tools", resource);\n',
  );
}
