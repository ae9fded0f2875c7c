import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineTool, z } from "gantry";

// The shop's order system, as the support agents see it. Orders are a fixed demo catalogue; refunds
// are written to .gantry/refunds.json keyed by the call's idempotency key, so a resumed run that
// re-enters a refund call finds the refund it already made instead of paying twice.

const orders: Record<string, { status: string; totalUsd: number; item: string }> = {
  "A-1001": { status: "delivered", totalUsd: 42.5, item: "espresso grinder" },
  "A-1002": { status: "in transit", totalUsd: 18, item: "milk jug" },
  "A-1003": { status: "processing", totalUsd: 129, item: "kettle" },
};

// Beside the workspace's store, wherever the command runs from.
const workspaceData = join(dirname(fileURLToPath(import.meta.url)), "..", ".gantry");
const refundsFile = () => join(process.env.GANTRY_EXAMPLE_DATA ?? workspaceData, "refunds.json");

interface Refund {
  refundId: string;
  orderId: string;
  amountUsd: number;
  idempotencyKey: string;
}

function readRefunds(): Refund[] {
  const file = refundsFile();
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Refund[]) : [];
}

export const lookupOrder = defineTool({
  name: "lookup_order",
  description: "Look up an order by its id (like A-1001): status, item and total.",
  input: z.object({ orderId: z.string().regex(/^A-\d{4}$/, "an order id looks like A-1001") }),
  output: z.object({ orderId: z.string(), status: z.string(), item: z.string(), totalUsd: z.number() }),
  annotations: { readOnly: true, idempotent: true },
  timeoutMs: 5_000,
  execute: ({ orderId }) => {
    const order = orders[orderId];
    if (!order) throw new Error(`no order ${orderId}`);
    return { orderId, ...order };
  },
});

export const issueRefund = defineTool({
  name: "issue_refund",
  description: "Refund an order to the customer's original payment method.",
  input: z.object({ orderId: z.string().regex(/^A-\d{4}$/), amountUsd: z.number().positive().max(500) }),
  output: z.object({ refundId: z.string(), orderId: z.string(), amountUsd: z.number() }),
  annotations: { destructive: true, idempotent: false },
  timeoutMs: 10_000,
  execute: ({ orderId, amountUsd }, { idempotencyKey }) => {
    const refunds = readRefunds();
    const earlier = refunds.find((refund) => refund.idempotencyKey === idempotencyKey);
    if (earlier)
      return { refundId: earlier.refundId, orderId: earlier.orderId, amountUsd: earlier.amountUsd };
    const refund: Refund = { refundId: `R-${refunds.length + 1001}`, orderId, amountUsd, idempotencyKey };
    const file = refundsFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify([...refunds, refund], null, 2));
    return { refundId: refund.refundId, orderId, amountUsd };
  },
});

export const checkTicket = defineTool({
  name: "check_ticket",
  description: "Check whether a support ticket has been answered yet.",
  input: z.object({ ticketId: z.string() }),
  output: z.object({ ticketId: z.string(), answered: z.boolean() }),
  annotations: { readOnly: true },
  execute: ({ ticketId }) => ({ ticketId, answered: false }),
});
