import type { JsonValue } from "../core/index.js";
import type { DeclaredBumpCheck } from "./check-declared-bump.js";

// Contract of `gantry prompts check`: replay a fixed input set through two versions of a prompt,
// measure how far the outputs moved, and run every consumer's contract on the new outputs.

/** One fixed input of `prompts/<id>.replay.yaml`. */
export interface ReplayCase {
  id: string;
  variables: Record<string, JsonValue>;
  /** A user message; without it the rendered prompt itself is sent as the user message. */
  input?: string;
}

export interface ReplaySet {
  cases: ReplayCase[];
  /** The model to replay on (`provider:model` or `tier:<name>`); the prompt's hint or the default otherwise. */
  model?: string;
}

/** What the model is asked once per case and version (the CLI wires it to the model client). */
export interface ReplayRequest {
  /** The rendered prompt when the case has an `input`, else absent. */
  system?: string;
  user: string;
  /** The prompt's output JSON Schema, when it declares one: ask for JSON. */
  outputSchema?: Record<string, unknown>;
  model?: string;
}

export type ReplayGenerate = (request: ReplayRequest) => Promise<{ text: string; costMicros?: number }>;

/** One case's answer: the text, the parsed JSON when the prompt declares an output schema. */
export interface ReplayOutput {
  caseId: string;
  text: string;
  json?: JsonValue;
  /** Rendering or generation failed, or the JSON did not parse. */
  error?: string;
  /** What the call cost, when `generate` said (integer micro-USD). */
  costMicros?: number;
}

export interface FieldDivergence {
  /** A JSON path like `$.category` or `$.items[*].id`; `$` for a text output. */
  path: string;
  diverged: number;
  total: number;
  rate: number;
}

export interface DivergenceReport {
  cases: number;
  fields: FieldDivergence[];
  /** The largest field rate (0 when no field). */
  maxRate: number;
  threshold: number;
  /** `major` when maxRate > threshold, else `none`. */
  bump: "major" | "none";
}

/** One assertion of a consumer on a field it reads. */
export interface FieldAssertion {
  /** JSON path: `$.a.b`, `$.items[0].id`, `$.items[*].id`. */
  path: string;
  /** Default true: the field must be present (every element, for `[*]`). */
  required: boolean;
  type?: "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";
  enum?: JsonValue[];
  /** A JavaScript regular expression the (string) value must match. */
  regex?: string;
}

/** `prompts/<id>.consumers.yaml` entries, or ones registered through the API. */
export interface ConsumerContract {
  consumer: string;
  description?: string;
  reads: FieldAssertion[];
  /** `file:line` or `api`. */
  origin: string;
}

export interface ContractFailure {
  consumer: string;
  /** The JSON path of the field. */
  field: string;
  caseId: string;
  /** `missing`, `type`, `enum`, `regex` or `not-json`. */
  rule: string;
  message: string;
}

export interface ContractResult {
  consumer: string;
  origin: string;
  passed: boolean;
  failures: ContractFailure[];
}

export interface PromptCheckReport {
  promptId: string;
  file: string;
  /** The version compared against, when the registry (or a file) had one. */
  baseline?: { version: string; hash: string; from: string };
  candidate: { version: string; hash: string };
  /** Static classification and declared bump (absent without a baseline). */
  bump?: DeclaredBumpCheck;
  dynamic?: DivergenceReport;
  contracts: ContractResult[];
  /** The bump the changes need, static and measured together. */
  required: "major" | "minor" | "patch" | "none";
  ok: boolean;
  /** Each reason the check fails, one line each, naming the consumer and field or the change. */
  problems: string[];
  /** Things worth knowing that do not fail the check (a consumer listed without a contract, a case that errored). */
  notes: string[];
  /** The replayed outputs, when a replay ran (the baseline's only when there was a baseline to replay). */
  outputs?: { baseline?: ReplayOutput[]; candidate: ReplayOutput[] };
}
