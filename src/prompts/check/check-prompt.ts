import { checkDeclaredBump } from "../check-declared-bump.js";
import type {
  ConsumerContract,
  ContractResult,
  DivergenceReport,
  PromptCheckReport,
  ReplayGenerate,
  ReplayOutput,
  ReplaySet,
} from "../check-spec.js";
import { compareBumps, type PromptBump } from "../classify-change.js";
import type { ParsedPrompt } from "../parse-prompt-file.js";
import type { RenderPromptOptions } from "../render-prompt.js";
import { checkContractsAgainstSchema } from "./check-contracts-against-schema.js";
import { measureDivergence } from "./measure-divergence.js";
import { replayPrompt } from "./replay-prompt.js";
import { runContracts } from "./run-contracts.js";

// `gantry prompts check` for one prompt: is the declared semver step at least what the change needs,
// statically (schema and variables) and as measured (replayed outputs that moved), and does every
// consumer's contract still hold on the candidate's outputs? Each failure is one line naming the
// consumer and field, or the change and its rate.

export interface CheckPromptInput {
  candidate: ParsedPrompt;
  /** The version to compare against; `from` says where it came from (`registry label production`, a file). */
  baseline?: { prompt: ParsedPrompt; from: string };
  replay?: ReplaySet;
  /** The model, as a function; without it (or without `replay`) nothing is replayed. */
  generate?: ReplayGenerate;
  contracts: readonly ConsumerContract[];
  /** The field divergence rate above which the change is major; 0.05 unless set. */
  threshold?: number;
  resolveInclude?: RenderPromptOptions["resolveInclude"];
  /** Cases asked at once per version; 4 unless set. */
  concurrency?: number;
}

const maxFieldsNamed = 3;
const maxErroredCasesNamed = 3;

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))}%`;
}

function largest(a: PromptBump, b: PromptBump): PromptBump {
  return compareBumps(a, b) >= 0 ? a : b;
}

function declaredWords(declared: PromptBump): string {
  return declared === "none" ? "declares no bump" : `declares a ${declared}`;
}

function divergenceProblem(candidate: ParsedPrompt, declared: PromptBump, dynamic: DivergenceReport): string {
  const moved = dynamic.fields.filter((field) => field.rate > dynamic.threshold);
  const named = moved
    .slice(0, maxFieldsNamed)
    .map((field, index) =>
      index === 0
        ? `${percent(field.rate)} of replayed outputs changed ${field.path}`
        : `${percent(field.rate)} changed ${field.path}`,
    );
  if (moved.length > maxFieldsNamed) named.push(`${moved.length - maxFieldsNamed} more field(s) changed`);
  const { id, version } = candidate.frontMatter;
  return (
    `${id} ${version} ${declaredWords(declared)} but ${named.join(", ")} ` +
    `(threshold ${percent(dynamic.threshold)}): needs ${dynamic.bump}`
  );
}

// One line per consumer and field; the first failing case speaks for the others.
function contractProblems(results: readonly ContractResult[], replayedCases: number | undefined): string[] {
  const groups = new Map<string, ContractResult["failures"]>();
  for (const failure of results.flatMap((result) => result.failures)) {
    const key = `${failure.consumer}\u0000${failure.field}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  return [...groups.values()].map((failures) => {
    const first = failures[0] as ContractResult["failures"][number];
    const cases = new Set(failures.map((failure) => failure.caseId)).size;
    const spread = replayedCases === undefined ? "" : `; ${cases} of ${replayedCases} replayed cases fail`;
    return `${first.message}${spread}`;
  });
}

function consumerNotes(candidate: ParsedPrompt, contracts: readonly ConsumerContract[]): string[] {
  const covered = new Set(contracts.map((contract) => contract.consumer));
  return (candidate.frontMatter.consumers ?? [])
    .filter((consumer) => !covered.has(consumer))
    .map(
      (consumer) =>
        `${candidate.frontMatter.id} lists consumer ${consumer} but no contract says what it reads ` +
        `(add it to prompts/${candidate.frontMatter.id}.consumers.yaml)`,
    );
}

function erroredNotes(which: string, outputs: readonly ReplayOutput[]): string[] {
  const errored = outputs.filter((output) => output.error !== undefined);
  const notes = errored
    .slice(0, maxErroredCasesNamed)
    .map((output) => `case ${output.caseId} failed on the ${which}: ${output.error}`);
  if (errored.length > maxErroredCasesNamed) {
    notes.push(`${errored.length - maxErroredCasesNamed} more case(s) failed on the ${which}`);
  }
  return notes;
}

/** Checks a candidate version: declared bump vs static and measured change, and every consumer contract. */
export async function checkPrompt(input: CheckPromptInput): Promise<PromptCheckReport> {
  const { candidate, baseline, replay, generate, contracts } = input;
  const { id, version } = candidate.frontMatter;
  const problems: string[] = [];
  const notes: string[] = consumerNotes(candidate, contracts);
  const report: PromptCheckReport = {
    promptId: id,
    file: candidate.file,
    candidate: { version, hash: candidate.hash },
    contracts: [],
    required: "none",
    ok: true,
    problems,
    notes,
  };
  if (baseline) {
    const before = baseline.prompt;
    report.baseline = { version: before.frontMatter.version, hash: before.hash, from: baseline.from };
    report.bump = checkDeclaredBump(before, candidate);
    report.required = report.bump.required;
    // The step's message lists each change on its own indented line; a problem is one line.
    if (report.bump.message)
      problems.push(report.bump.message.replace(/:\n\s+/, ": ").replace(/\n\s+/g, "; "));
  }
  const replayOptions = {
    concurrency: input.concurrency,
    ...(input.resolveInclude ? { resolveInclude: input.resolveInclude } : {}),
  };
  if (replay && generate) {
    const candidateOutputs = await replayPrompt(candidate, replay, generate, replayOptions);
    report.outputs = { candidate: candidateOutputs };
    notes.push(...erroredNotes("candidate", candidateOutputs));
    if (baseline && baseline.prompt.hash !== candidate.hash) {
      const baselineOutputs = await replayPrompt(baseline.prompt, replay, generate, replayOptions);
      report.outputs.baseline = baselineOutputs;
      notes.push(...erroredNotes("baseline", baselineOutputs));
      const threshold = input.threshold === undefined ? {} : { threshold: input.threshold };
      report.dynamic = measureDivergence(baselineOutputs, candidateOutputs, threshold);
      report.required = largest(report.required, report.dynamic.bump);
      const declared = report.bump?.declared ?? "none";
      if (compareBumps(declared, report.dynamic.bump) < 0) {
        problems.push(divergenceProblem(candidate, declared, report.dynamic));
      }
    }
    report.contracts = runContracts(contracts, candidateOutputs);
    problems.push(...contractProblems(report.contracts, candidateOutputs.length));
  } else {
    notes.push(
      replay
        ? "the replay set was not run (no model given): contracts were checked against the output schema"
        : `no replay set (prompts/${id}.replay.yaml): outputs were not measured; contracts were checked against the output schema`,
    );
    report.contracts = checkContractsAgainstSchema(contracts, candidate);
    problems.push(...contractProblems(report.contracts, undefined));
  }
  report.ok = problems.length === 0;
  return report;
}
