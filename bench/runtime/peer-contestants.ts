// The peers of the runtime bench, on the same LanguageModelV3 instance Gantry's traced client calls:
// the AI SDK's generateText tool loop (ai@6, `stopWhen: stepCountIs(5)`) and the OpenAI Agents loop
// (@openai/agents-core's Runner, through agents-core-model.ts). Each runs with its tracing off (as
// the verdict compares) and on: the AI SDK's OpenTelemetry spans into Gantry's own tracer (so into the
// same SQLite store exporter), the agents SDK's spans into an in-memory processor that serialises each
// ended span and trace (it has no OpenTelemetry or SQLite exporter of its own).

import type { LanguageModelV3 } from "@ai-sdk/provider";
import {
  Agent,
  tool as agentsTool,
  Runner,
  setTraceProcessors,
  setTracingDisabled,
  type TracingProcessor,
} from "@openai/agents-core";
import { tool as aiTool, generateText, stepCountIs } from "ai";
import { z } from "zod";
import type { Telemetry } from "../../src/telemetry/index.js";
import { agentsCoreModel } from "./agents-core-model.js";
import {
  checkAnswer,
  instructions,
  lookupOrder,
  toolDescription,
  toolName,
  userInput,
} from "./bench-task.js";
import type { Contestant } from "./gantry-contestants.js";

const inputSchema = z.object({ orderId: z.string() });

function aiSdkContestant(name: string, model: LanguageModelV3, telemetry?: Telemetry): Contestant {
  const tools = {
    [toolName]: aiTool({
      description: toolDescription,
      inputSchema,
      execute: async (input) => lookupOrder(input),
    }),
  };
  return {
    name,
    run: async () => {
      const result = await generateText({
        model,
        system: instructions,
        prompt: userInput,
        tools,
        stopWhen: stepCountIs(5),
        ...(telemetry ? { experimental_telemetry: { isEnabled: true, tracer: telemetry.tracer } } : {}),
      });
      if (result.steps.length !== 2) throw new Error(`${name}: ${result.steps.length} steps`);
      checkAnswer(name, result.text);
    },
    ...(telemetry ? { flush: () => telemetry.flush() } : {}),
  };
}

/** Holds the agents SDK's ended spans and traces as JSON until flushed, like an exporter's queue. */
class CollectingProcessor implements TracingProcessor {
  readonly items: unknown[] = [];
  async onTraceStart(): Promise<void> {}
  async onTraceEnd(trace: Parameters<TracingProcessor["onTraceEnd"]>[0]): Promise<void> {
    this.items.push(JSON.stringify(trace.toJSON()));
  }
  async onSpanStart(): Promise<void> {}
  async onSpanEnd(span: Parameters<TracingProcessor["onSpanEnd"]>[0]): Promise<void> {
    this.items.push(JSON.stringify(span.toJSON()));
  }
  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {
    this.items.length = 0;
  }
}

function agentsContestant(name: string, model: LanguageModelV3, processor?: CollectingProcessor): Contestant {
  const agent = new Agent({
    name: "order-desk",
    instructions,
    model: agentsCoreModel(model),
    tools: [
      agentsTool({
        name: toolName,
        description: toolDescription,
        parameters: inputSchema,
        execute: async (input) => lookupOrder(input),
      }),
    ],
  });
  const runner = new Runner({ tracingDisabled: !processor });
  return {
    name,
    run: async () => {
      const result = await runner.run(agent, userInput, { maxTurns: 5 });
      checkAnswer(name, result.finalOutput);
    },
    ...(processor ? { flush: () => processor.forceFlush() } : {}),
  };
}

/** The peers: both with tracing off (what the verdict compares against), then both with tracing on. */
export function peerContestants(
  model: LanguageModelV3,
  telemetry: Telemetry,
): {
  untraced: Contestant[];
  traced: Contestant[];
} {
  const processor = new CollectingProcessor();
  setTraceProcessors([processor]);
  setTracingDisabled(false);
  return {
    untraced: [
      aiSdkContestant("ai-sdk generateText", model),
      agentsContestant("openai agents-core run", model),
    ],
    traced: [
      aiSdkContestant("ai-sdk generateText, OTel tracing", model, telemetry),
      agentsContestant("openai agents-core run, tracing", model, processor),
    ],
  };
}
