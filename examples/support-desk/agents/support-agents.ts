import { defineAgent, z } from "gantry";
import { checkTicket, issueRefund, lookupOrder } from "../tools/orders.ts";

// The support desk's agents. `classifier` sorts a ticket into a queue with the versioned prompt
// prompts/triage.prompt.md (its version and hash go on every model call's span). `triage` answers a ticket with the order tools; `looper` keeps checking
// a ticket that never changes (a classic runaway loop) to show the session circuit breaker at work.

export const triage = defineAgent({
  name: "triage",
  version: "0.2.0",
  description: "First-line support: looks up orders and issues refunds the policy allows.",
  instructions:
    "You are the first-line support agent of an online shop. Look up the order before answering; issue a refund only when the customer asks for one and the order was delivered.",
  model: "tier:medium",
  tools: [lookupOrder, issueRefund],
  limits: { maxSteps: 6, maxToolCalls: 6, maxOutputTokens: 512 },
  breaker: { envelope: { p50Usd: 0.0004, p95Usd: 0.001 }, degradation: "stop-tools-and-summarize" },
  spec: "agents/triage.spec.yaml",
});

export const looper = defineAgent({
  name: "looper",
  version: "0.1.0",
  description: "A deliberately loop-prone agent: it polls a ticket forever. Shows the breaker.",
  instructions: "You are the loop demo. Keep checking the ticket until it is answered.",
  model: "tier:medium",
  tools: [checkTicket],
  limits: { maxSteps: 50, maxToolCalls: 50, maxOutputTokens: 256 },
  breaker: { envelope: { p50Usd: 0.0002, p95Usd: 0.0005 }, degradation: "stop-tools-and-summarize" },
});

export const classifier = defineAgent({
  name: "classifier",
  version: "1.0.0",
  description: "Sorts a ticket into a queue with the versioned triage prompt (prompts/triage.prompt.md).",
  // Served from the registry's `production` label when pushed, else from the prompt file itself.
  prompt: { id: "triage", variables: { shop: "Acme" } },
  model: "tier:small",
  output: z.object({
    category: z.enum(["refund", "shipping", "account", "other"]),
    confidence: z.number().min(0).max(1),
  }),
  limits: { maxSteps: 2, maxOutputTokens: 256 },
});
