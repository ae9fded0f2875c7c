import { parseScenario } from "./load-scenario.js";
import type { Scenario } from "./scenario-schema.js";

// Words that suggest the user wants something looked up or done, which a support agent uses a tool for.
const toolishWords =
  "\\b(orders?|refunds?|status|track|tracking|shipments?|shipping|delivery|invoices?|account|subscriptions?|look\\s?up|search|find|check|cancel|where is|when will)\\b";

/**
 * The built-in support-desk script: greets, explains what it can do, reaches for a tool when one is
 * offered and the question needs one, summarises tool results, and otherwise echoes helpfully. It
 * runs after any configured scenario's rules, so the sim works with no configuration at all.
 */
export const defaultScenario: Scenario = parseScenario(
  {
    name: "support-desk",
    description: "Built-in support-desk behaviour of the sim model.",
    rules: [
      {
        name: "summarise-tool-result",
        match: { toolResults: true },
        reply: {
          text: [
            "Here is what I found with {{lastToolName}}: {{lastToolResult}}. Is there anything else I can help you with?",
            "I checked {{lastToolName}} for you. The result is: {{lastToolResult}}. Let me know if you need anything else.",
          ],
        },
      },
      {
        name: "greeting",
        match: { lastUserText: { regex: "^\\s*(hi|hello|hey|good (morning|afternoon|evening))\\b" } },
        reply: {
          text: "Hello! I'm the support assistant. I can help with orders, refunds, shipping and account questions. What can I do for you today?",
        },
      },
      {
        name: "help",
        match: { lastUserText: { regex: "\\b(help|what can you do|options)\\b" } },
        reply: {
          text: "I can look up orders and their shipping status, explain our refund policy, start a refund, and answer account and billing questions. Tell me what you need, and include an order number if you have one.",
        },
      },
      {
        name: "call-a-tool",
        match: { toolsOffered: true, lastUserText: { regex: toolishWords } },
        reply: { autoToolCall: true },
      },
      {
        name: "refund-policy",
        match: { lastUserText: { regex: "\\b(refunds?|money back|returns?)\\b" } },
        reply: {
          text: "Refunds are available within 30 days of delivery for items in their original condition. Once we receive the return, the refund reaches your original payment method within 5 to 10 business days. If you share your order number, I can check its status.",
        },
      },
      {
        name: "shipping-policy",
        match: {
          lastUserText: {
            regex: "\\b(ship|shipping|shipped|delivery|deliveries|track|tracking|where is)\\b",
          },
        },
        reply: {
          text: "Standard shipping takes 3 to 5 business days and express shipping 1 to 2. You receive a tracking link by email once the order leaves our warehouse. If you share your order number, I can look it up.",
        },
      },
      {
        name: "echo",
        reply: {
          text: [
            'You asked: "{{lastUserText}}". I am a simulated support assistant, so I can only give scripted answers, but I can help with orders, refunds, shipping and account questions.',
            'Thanks for your message: "{{lastUserText}}". I am the simulated support assistant; ask me about orders, refunds, shipping or your account and I will do my best.',
          ],
        },
      },
    ],
  },
  "(built-in support-desk scenario)",
);
