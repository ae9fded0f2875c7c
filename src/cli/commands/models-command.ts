import type { LanguageModelV3Prompt } from "@ai-sdk/provider";
import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { loadWorkspace } from "../../core/index.js";
import {
  createModelAccess,
  type ModelCallResult,
  type ModelRequest,
  type ModelStreamResult,
} from "../../models/index.js";
import { type GlobalOptions, openWorkspaceStore, workspaceRoot } from "../cli-context.js";
import { cliTelemetry } from "../cli-telemetry.js";
import { printJson } from "../output.js";
import { callFooter, resultText } from "./models-call-output.js";
import { printModelList } from "./models-list-output.js";

interface CallOptions {
  stream?: boolean;
  system?: string;
  maxTokens?: number;
  json?: boolean;
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError(`expected a positive integer, got '${value}'`);
  return number;
}

/** `gantry models list|call`: the workspace's models, tiers and prices, and one call through the client. */
export function registerModelsCommand(program: Command): void {
  const models = program.command("models").description("list the workspace's models and tiers, or call one");

  models
    .command("list")
    .description("models and tiers the config names, whether each is available, and prices")
    .option("--prices", "add prices per 1M tokens and the price snapshot version")
    .option("--json", "print JSON")
    .action(async (options: { prices?: boolean; json?: boolean }, command: Command) => {
      const workspace = await loadWorkspace(workspaceRoot(command.optsWithGlobals<GlobalOptions>()));
      // Listing is how a user finds out what is misconfigured, so it must not stop at the first problem.
      const access = await createModelAccess({ workspace, env: process.env, validate: false });
      printModelList(access, options);
    });

  models
    .command("call")
    .description("send one prompt through the model client (routing, failover, cost) and print the answer")
    .argument("<model>", "provider:model, tier:<name> or a tier's name")
    .argument("<prompt>", "the user message")
    .option("--stream", "print the answer as it arrives")
    .option("--system <text>", "a system message before the prompt")
    .option("--max-tokens <n>", "cap on output tokens", parsePositiveInteger)
    .option("--json", "print the whole result as JSON")
    .action(async (model: string, prompt: string, options: CallOptions, command: Command) => {
      const { workspace, store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      // The call is traced into the store like the server's, so it shows in `gantry traces` and the dashboard.
      const telemetry = cliTelemetry(workspace, store);
      try {
        const access = await createModelAccess({ workspace, store, env: process.env, telemetry });
        const request = callRequest(model, prompt, options, Object.keys(workspace.config.models.tiers));
        const result = options.stream
          ? await streamAnswer(access.client.stream(request), options.json === true)
          : await access.client.generate(request);
        if (options.json) return printJson(jsonResult(result));
        if (!options.stream) console.log(resultText(result));
        console.error(pc.dim(callFooter(result)));
      } finally {
        await telemetry.shutdown();
        await store.close();
      }
    });
}

/** The request `gantry models call` sends; a tier's bare name means that tier. */
export function callRequest(
  model: string,
  prompt: string,
  options: CallOptions,
  tiers: string[],
): ModelRequest {
  const messages: LanguageModelV3Prompt = [];
  if (options.system) messages.push({ role: "system", content: options.system });
  messages.push({ role: "user", content: [{ type: "text", text: prompt }] });
  return {
    model: !model.includes(":") && tiers.includes(model) ? `tier:${model}` : model,
    prompt: messages,
    ...(options.maxTokens ? { maxOutputTokens: options.maxTokens } : {}),
  };
}

// Text goes to stdout as it arrives (unless JSON was asked for); the settled result comes back.
async function streamAnswer(started: Promise<ModelStreamResult>, quiet: boolean): Promise<ModelCallResult> {
  const { stream, result } = await started;
  let wroteText = false;
  try {
    for await (const part of stream) {
      if (part.type === "text-delta" && !quiet) {
        process.stdout.write(part.delta);
        wroteText = true;
      }
    }
  } finally {
    if (wroteText) process.stdout.write("\n");
  }
  const settled = await result;
  if (!quiet) {
    const calls = resultText({
      ...settled,
      content: settled.content.filter((part) => part.type === "tool-call"),
    });
    if (calls) console.log(calls);
  }
  return settled;
}

function jsonResult(result: ModelCallResult) {
  return {
    model: result.modelId,
    text: resultText({ ...result, content: result.content.filter((part) => part.type === "text") }),
    toolCalls: result.content
      .filter((part) => part.type === "tool-call")
      .map((part) => ({ id: part.toolCallId, name: part.toolName, arguments: part.input })),
    finishReason: result.finishReason.unified,
    usage: result.usage,
    cost: result.cost,
    attempts: result.attempts,
    route: result.route,
    cached: result.cached,
  };
}
