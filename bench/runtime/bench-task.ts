// The one task every contestant runs: a user asks where order A-7 is; the model answers step 1 with
// one `lookup_order` call and step 2, once the tool result is in the prompt, with the final text. The
// model is Gantry's sim (a zero-latency LanguageModelV3 that counts real tokens), scripted by this
// scenario, so all three loops send the same prompt and tool to the same kind of model.

import { defineScenario } from "../../src/models/index.js";

export const instructions = "You help customers with their orders. Use lookup_order to find an order.";
export const userInput = "Where is my order A-7?";
export const expectedAnswer = "Order A-7 is shipped.";

export const toolName = "lookup_order";
export const toolDescription = "Look up an order by its id.";

/** The tool's trivial body, shared by the three loops. */
export function lookupOrder(input: { orderId: string }): { orderId: string; status: string } {
  return { orderId: input.orderId, status: "shipped" };
}

/** The mock model's script: a tool result in the prompt → the answer; otherwise → one tool call. */
export const benchScenario = defineScenario({
  name: "runtime-bench",
  includeDefaultRules: false,
  rules: [
    {
      name: "answer",
      match: { toolResults: [toolName] },
      reply: { text: "Order {{toolResult.lookup_order.orderId}} is {{toolResult.lookup_order.status}}." },
    },
    {
      name: "look-up",
      match: { toolsOffered: [toolName], toolResults: false },
      reply: { toolCalls: [{ name: toolName, arguments: { orderId: "A-7" } }] },
    },
  ],
});

/** Throws unless a run ended with the scripted answer: a contestant that skipped work must not win. */
export function checkAnswer(contestant: string, answer: unknown): void {
  if (answer !== expectedAnswer)
    throw new Error(`${contestant} answered ${JSON.stringify(answer)} instead of "${expectedAnswer}"`);
}
