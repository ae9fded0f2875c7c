import {
  type ConsumerContract,
  type ParsedPrompt,
  parsePromptFile,
  type ReplayGenerate,
  type ReplaySet,
} from "../../src/prompts/index.js";

// A triage prompt in the shape of the support-desk example, its replay set and its router contract,
// with a deterministic stand-in for the model: the answer depends only on the request.

export const triageOutput = [
  "output:",
  "  type: object",
  "  required: [category, confidence]",
  "  properties:",
  "    category: { type: string, enum: [refund, shipping, account, other] }",
  "    confidence: { type: number, minimum: 0, maximum: 1 }",
].join("\n");

export const triageWording =
  "You are the triage desk of {{shop}}. Answer with JSON only: the queue and your confidence.";

/** Only the wording says "the queue alone": the rewording that makes the model drop `confidence`. */
export const droppingWording = "You are the triage desk of {{shop}}. Answer with JSON only: the queue alone.";

export interface TriageOptions {
  version: string;
  template?: string;
  output?: string;
  consumers?: string;
}

/** The text of a triage prompt file; the defaults are the released 1.0.0's. */
export function triageSource(options: TriageOptions): string {
  return [
    "---",
    "id: triage",
    `version: ${options.version}`,
    "variables: { shop: string }",
    options.output ?? triageOutput,
    `consumers: ${options.consumers ?? "[router]"}`,
    "---",
    options.template ?? triageWording,
  ].join("\n");
}

export function triagePrompt(options: TriageOptions): ParsedPrompt {
  return parsePromptFile(triageSource(options), `prompts/triage.prompt.md@${options.version}`);
}

export const triageReplay: ReplaySet = {
  cases: [
    {
      id: "charged-twice",
      variables: { shop: "Acme" },
      input: "I was charged twice, refund the second payment",
    },
    { id: "late-parcel", variables: { shop: "Acme" }, input: "My parcel is late" },
    { id: "locked-out", variables: { shop: "Acme" }, input: "My account is locked" },
    { id: "compliment", variables: { shop: "Acme" }, input: "The espresso is great" },
  ],
};

function categoryOf(input: string): string {
  if (/refund|charged/.test(input)) return "refund";
  if (/parcel|shipping/.test(input)) return "shipping";
  if (/account|password/.test(input)) return "account";
  return "other";
}

/** The model: category from the ticket, confidence unless the prompt asks for "the queue alone". */
export const triageModel: ReplayGenerate = async (request) => {
  const category = categoryOf(request.user);
  const answer = request.system?.includes("the queue alone") ? { category } : { category, confidence: 0.9 };
  return { text: JSON.stringify(answer) };
};

export const routerContract: ConsumerContract = {
  consumer: "router",
  origin: "prompts/triage.consumers.yaml:2",
  reads: [
    { path: "$.category", required: true, type: "string", enum: ["refund", "shipping", "account", "other"] },
    { path: "$.confidence", required: true, type: "number" },
  ],
};

export function baselineOf(prompt: ParsedPrompt) {
  return { prompt, from: "registry label production" };
}
