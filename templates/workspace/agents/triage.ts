import { defineAgent, defineTool, z } from "gantry";

// An agent is code: instructions, a model or tier, tools with checked input and output, limits.
// Run it with `npx gantry run triage --input "Where is order A-1001?"`.

const orders: Record<string, { status: string; item: string }> = {
  "A-1001": { status: "delivered", item: "espresso grinder" },
  "A-1002": { status: "in transit", item: "milk jug" },
};

const lookupOrder = defineTool({
  name: "lookup_order",
  description: "Look up an order by its id (like A-1001): its status and item.",
  input: z.object({ orderId: z.string().describe("The order id, like A-1001") }),
  output: z.object({ orderId: z.string(), status: z.string(), item: z.string() }),
  annotations: { readOnly: true },
  execute: ({ orderId }) => {
    const order = orders[orderId];
    if (!order) throw new Error(`there is no order ${orderId}`);
    return { orderId, ...order };
  },
});

export const triage = defineAgent({
  name: "triage",
  description: "Answers order questions with the order system.",
  instructions: "You are a support agent. Look orders up before answering questions about them.",
  model: "tier:medium",
  tools: [lookupOrder],
  limits: { maxSteps: 5, maxOutputTokens: 512 },
  spec: "agents/triage.spec.yaml",
});
