import type { JsonValue, TextDiffLine } from "../core/index.js";
import type { StoredPromptLabel, StoredPromptLabelEvent, StoredPromptSummary } from "../store/index.js";
import type { ChangeClassification } from "./classify-change.js";
import type { PromptFrontMatter } from "./prompt-file-schema.js";

// Contract of the prompt registry (src/prompts/registry): versions pushed from prompt files, labels
// that move between them behind scopes and gates, and the client that serves prompts to running code.

/** A version as the registry hands it out: parsed, with its provenance. */
export interface PromptVersionInfo {
  id: string;
  version: string;
  hash: string;
  source: string;
  frontMatter: PromptFrontMatter;
  /** The template (the source after the front matter). */
  template: string;
  message: string | null;
  author: string | null;
  createdAt: string;
}

/** Pick a version by label (`production`, `staging`, `latest`…) or exact semver; neither = `latest`. */
export interface PromptSelector {
  label?: string;
  version?: string;
}

/** Who acts on the registry. Local CLI users act as `admin`; API callers carry their key's scopes. */
export interface PromptActor {
  name: string;
  scopes: readonly string[];
}

/** What a gate is asked: may `label` of `promptId` move to `candidate`? */
export interface PromptGateContext {
  promptId: string;
  label: string;
  candidate: PromptVersionInfo;
  /** Where the label points now, when it exists. */
  current?: PromptVersionInfo;
  actor: PromptActor;
}

export interface PromptGateResult {
  passed: boolean;
  /** One line a person reads in the CLI, the API answer and the label history. */
  summary: string;
  details?: JsonValue;
}

/**
 * A named check a label move must pass (configured per label). The prompt checks (`prompts-check`)
 * ship built in; the eval gate of src/evals plugs in through this same interface.
 */
export interface PromptGate {
  name: string;
  description?: string;
  check(context: PromptGateContext): Promise<PromptGateResult>;
}

/** How a label may move: `protected` labels need the `release` (or `admin`) scope; `gates` must pass. */
export interface PromptLabelRule {
  protected: boolean;
  gates: readonly string[];
}

export interface PushResult {
  /** `created`, or `unchanged` when this exact version and content were already pushed. */
  outcome: "created" | "unchanged";
  version: PromptVersionInfo;
}

export interface LabelMoveResult {
  label: StoredPromptLabel;
  /** False when the label already pointed there (nothing written). */
  moved: boolean;
  gates: Array<PromptGateResult & { gate: string }>;
}

/** One line of a line diff. */
export type PromptDiffLine = TextDiffLine;

export interface PromptDiff {
  promptId: string;
  from: { version: string; hash: string };
  to: { version: string; hash: string };
  lines: PromptDiffLine[];
  /** The static classification of the change (see classify-change.ts). */
  classification: ChangeClassification;
}

export interface PromptRegistry {
  /**
   * Parses and stores a prompt file as a new immutable version; `latest` follows the highest semver.
   * Refuses (PROMPT_VERSION_CONFLICT) a pushed version whose content differs from what is stored, and
   * (PROMPT_BUMP_TOO_SMALL) a version whose bump over the previous highest version is smaller than the
   * static change classification needs, unless `force`.
   */
  push(
    source: string,
    file: string,
    options?: { message?: string; author?: string; force?: boolean },
  ): Promise<PushResult>;
  /** PROMPT_NOT_FOUND (no such prompt), PROMPT_VERSION_NOT_FOUND or PROMPT_LABEL_NOT_FOUND. */
  get(id: string, selector?: PromptSelector): Promise<PromptVersionInfo>;
  list(): Promise<StoredPromptSummary[]>;
  /** Newest first. */
  versions(id: string): Promise<PromptVersionInfo[]>;
  labels(id: string): Promise<StoredPromptLabel[]>;
  history(id: string, label?: string): Promise<StoredPromptLabelEvent[]>;
  /**
   * Points `label` at `version`. `latest` is moved only by pushes (PROMPT_LABEL_RESERVED). A protected
   * label needs the actor to hold `release` or `admin` (PROMPT_LABEL_FORBIDDEN). Every gate the label's
   * rule names runs on the candidate; one failing refuses the move (PROMPT_GATE_FAILED, naming the
   * gate and its summary) and nothing moves. A gate named in a rule but not registered fails closed
   * (PROMPT_GATE_UNKNOWN). Gate results are kept in the label history.
   */
  moveLabel(id: string, label: string, version: string, actor: PromptActor): Promise<LabelMoveResult>;
  /** `from`/`to` are selectors; the diff of their sources and the classification of the change. */
  diff(id: string, from: PromptSelector, to: PromptSelector): Promise<PromptDiff>;
}

/** Where a served prompt came from; recorded as `gantry.prompt.source` on spans. */
export type PromptServedFrom = "registry" | "cache" | "stale-cache" | "bundled";

export interface ServedPrompt {
  id: string;
  version: string;
  hash: string;
  template: string;
  frontMatter: PromptFrontMatter;
  servedFrom: PromptServedFrom;
  /** Why a fallback was used: `unreachable` (the registry failed) or `not-registered`. */
  fallbackReason?: "unreachable" | "not-registered";
}

/** Fetches one version; the client wraps it with its cache and fallback. */
export interface PromptFetcher {
  fetch(id: string, selector: PromptSelector): Promise<PromptVersionInfo>;
}

export interface PromptClient {
  /**
   * The prompt at `selector` (default the client's label). Fresh cache entries are served as they
   * are; stale ones are served at once and refreshed in the background (stale-while-revalidate); when
   * the registry fails, the last fetched copy is served as long as `maxStaleMs` allows, and a prompt
   * never fetched falls back to the bundled copy (the workspace's prompt file). Every fallback is
   * recorded on the active span (`gantry.prompt.fallback` event) and counted.
   */
  getPrompt(id: string, selector?: PromptSelector): Promise<ServedPrompt>;
  /** Drops cached entries (all, or one prompt's). */
  invalidate(id?: string): void;
  /** Counters since the client was made (for `/api/v1/info` and tests). */
  stats(): PromptClientStats;
}

export interface PromptClientStats {
  /** Served from a fresh cache entry, without asking the registry. */
  hits: number;
  /** Calls that had to wait for the registry (nothing cached, or the entry older than `maxStaleMs`). */
  misses: number;
  /** Served from a cache entry past its TTL (while it refreshes, or because the registry failed). */
  staleServed: number;
  /** Served from the bundled copy (not registered, or the registry failed with nothing cached). */
  bundledServed: number;
  /** Registry fetches that failed (not counting "not found" answers), in the foreground or background. */
  fetchErrors: number;
  /** The latest failed fetch, or null. */
  lastFetchError: { promptId: string; message: string; at: string } | null;
}
