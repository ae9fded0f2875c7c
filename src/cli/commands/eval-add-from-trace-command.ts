import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import pc from "picocolors";
import type { JsonValue } from "../../core/index.js";
import { appendCaseToSuite, caseFromTrace, type RiskTier, riskTiers, runOfTrace } from "../../evals/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { parseJsonOrText } from "./eval-options.js";

interface AddFromTraceFlags {
  suite: string;
  expected?: JsonValue;
  failureClass?: string;
  input?: JsonValue;
  id?: string;
  tag?: string[];
  riskTier?: RiskTier;
  rubric?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseRiskTier(value: string): RiskTier {
  if (!(riskTiers as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${riskTiers.join(", ")}, got '${value}'`);
  }
  return value as RiskTier;
}

/** `gantry eval add-from-trace <traceId> --suite <suite>`: a production failure becomes a case. */
export function registerEvalAddFromTrace(evals: Command): void {
  evals
    .command("add-from-trace")
    .description("turn a trace into a case of a suite's dataset (source prod_replay, linked to the trace)")
    .argument("<traceId>", "the trace (gantry traces list)")
    .requiredOption("--suite <suite>", "the suite whose dataset gets the case")
    .option("--expected <json|text>", "what a correct answer is", parseJsonOrText)
    .option("--failure-class <name>", "the failure this case guards against (invented-policy, wrong-queue…)")
    .option("--rubric <text>", "what a judge grades the answer against")
    .option("--input <json|text>", "the input, when no agent run is behind the trace", parseJsonOrText)
    .option(
      "--id <caseId>",
      "the case id (default <failure-class>-<trace id's first 8>, else trace-<first 12>)",
    )
    .option("--tag <tag>", "a tag (repeatable)", collect)
    .option("--risk-tier <tier>", `one of ${riskTiers.join(", ")}`, parseRiskTier)
    .addHelpText(
      "after",
      `
The input is the one the trace's agent run started with. JSONL datasets get a line; YAML datasets
and suites with inline cases get a list item, comments kept. The suite is read back before the file
is replaced; a trace already added, or a taken id, is refused (exit 2).

Examples:
  gantry eval add-from-trace 4bf92f3577b34da6a3ce929d0e0e4736 --suite triage --failure-class invented-policy \\
    --rubric "Quotes the 30-day refund window; invents no other policy"
  gantry eval add-from-trace 4bf92f35… --suite classifier --expected '{"category":"refund"}'`,
    )
    .action(async (traceId: string, flags: AddFromTraceFlags, command: Command) => {
      const { workspace, store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const run =
          flags.input === undefined
            ? await runOfTrace(store, traceId)
            : { id: "--input", agent: "", input: flags.input, traceId };
        const testCase = caseFromTrace({
          traceId,
          run,
          ...(flags.expected === undefined ? {} : { expected: flags.expected }),
          ...(flags.failureClass ? { failureClass: flags.failureClass } : {}),
          ...(flags.rubric ? { rubric: flags.rubric } : {}),
          ...(flags.id ? { id: flags.id } : {}),
          ...(flags.tag ? { tags: flags.tag } : {}),
          ...(flags.riskTier ? { riskTier: flags.riskTier } : {}),
        });
        const added = await appendCaseToSuite(workspace.root, flags.suite, testCase);
        const from = flags.input === undefined ? `run ${run?.id} of agent ${run?.agent}` : "--input";
        console.log(
          `${pc.green("added")} case ${added.case.id} to ${added.file} ${pc.dim(
            `(input from ${from}; dataset version ${added.dataset.hash.slice(0, 12)}, ${added.dataset.cases.length} cases)`,
          )}`,
        );
      } finally {
        await store.close();
      }
    });
}
