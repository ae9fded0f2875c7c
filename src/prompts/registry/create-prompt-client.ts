import { type Clock, GantryError, systemClock } from "../../core/index.js";
import type { Telemetry } from "../../telemetry/index.js";
import type { ParsedPrompt } from "../parse-prompt-file.js";
import type {
  PromptClient,
  PromptClientStats,
  PromptFetcher,
  PromptSelector,
  PromptVersionInfo,
  ServedPrompt,
} from "../registry-spec.js";
import { isPromptNotFound } from "./prompt-registry-error.js";
import { recordPromptFallback } from "./record-prompt-fallback.js";
import { createSingleFlight } from "./single-flight.js";

// Serves prompts to running code. The registry is consulted at most once per TTL per prompt; a stale
// copy is served at once while it refreshes; when the registry fails, the last copy (up to
// maxStaleMs old) or the bundled file keeps the agent running — and every such fallback is visible on
// the span and in the counters, because silently serving old text is how prompt drift starts.

export interface PromptClientOptions {
  fetcher: PromptFetcher;
  /** The workspace's own copy of a prompt (`prompts/<id>.prompt.md`), for when the registry cannot help. */
  bundled?: (id: string) => Promise<ParsedPrompt | undefined>;
  /** The label served when a call names neither label nor version. Default `production`. */
  label?: string;
  /** How long a fetched prompt is fresh. Default 60 s. */
  ttlMs?: number;
  /** How long after its fetch a cached prompt may still be served. Default 24 h. */
  maxStaleMs?: number;
  clock?: Clock;
  /** Carries a fallback event on a span of its own when no span is active. */
  telemetry?: Pick<Telemetry, "tracer">;
}

type PromptBody = Omit<ServedPrompt, "servedFrom" | "fallbackReason">;

/**
 * One cached answer: the registry's version, or the bundled copy the client fell back to (with the
 * reason), and when it was obtained.
 */
interface CacheEntry {
  prompt: PromptBody;
  origin: "registry" | "not-registered" | "unreachable";
  fetchedAt: number;
  /** Why the bundled copy is served (the registry's answer or error). */
  fallbackError?: string;
  /** The latest failed refresh (a new entry replaces this one on success). */
  failure?: { at: number; message: string };
}

function fromVersion(info: PromptVersionInfo): PromptBody {
  return {
    id: info.id,
    version: info.version,
    hash: info.hash,
    template: info.template,
    frontMatter: info.frontMatter,
  };
}

function fromFile(parsed: ParsedPrompt): PromptBody {
  const { id, version } = parsed.frontMatter;
  return { id, version, hash: parsed.hash, template: parsed.template, frontMatter: parsed.frontMatter };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function selectorOf(selector: PromptSelector | undefined, label: string): PromptSelector {
  if (selector?.version !== undefined || selector?.label !== undefined) {
    return {
      ...(selector.label === undefined ? {} : { label: selector.label }),
      ...(selector.version === undefined ? {} : { version: selector.version }),
    };
  }
  return { label };
}

function unavailable(
  id: string,
  selector: PromptSelector,
  cause: unknown,
  bundled: { configured: boolean; problem?: string },
): GantryError {
  const which = selector.version !== undefined ? `version ${selector.version}` : `label ${selector.label}`;
  const fallback = bundled.problem
    ? `its bundled copy could not be read (${bundled.problem})`
    : bundled.configured
      ? `there is no bundled copy of it${selector.version === undefined ? "" : ` at ${selector.version}`}`
      : "the client has no bundled prompts";
  return new GantryError({
    code: "PROMPT_UNAVAILABLE",
    message: `Prompt "${id}" (${which}) is unavailable: the registry failed (${messageOf(cause)}) and ${fallback}`,
    domain: "PROMPT",
    category: "THIRD_PARTY",
    details: {
      prompt: id,
      ...selector,
      cause: messageOf(cause),
      ...(bundled.problem ? { bundledProblem: bundled.problem } : {}),
    },
    cause,
    hint: `Check that the prompt registry is reachable, or ship prompts/${id}.prompt.md with the app so it can fall back.`,
  });
}

/** A client serving prompts from `fetcher` with a stale-while-revalidate cache and a bundled fallback. */
export function createPromptClient(options: PromptClientOptions): PromptClient {
  const defaultLabel = options.label ?? "production";
  const ttlMs = options.ttlMs ?? 60_000;
  const maxStaleMs = options.maxStaleMs ?? 24 * 60 * 60 * 1000;
  const clock = options.clock ?? systemClock;
  const cache = new Map<string, CacheEntry>();
  const flights = createSingleFlight<CacheEntry>();
  // Bumped by invalidate(): a fetch started before it must not put its answer back in the cache.
  let generation = 0;
  const counters: PromptClientStats = {
    hits: 0,
    misses: 0,
    staleServed: 0,
    bundledServed: 0,
    fetchErrors: 0,
    lastFetchError: null,
  };

  // The bundled copy, when it can stand in for `selector` (a pinned version only by that version).
  async function bundledCopy(id: string, selector: PromptSelector): Promise<PromptBody | undefined> {
    const parsed = await options.bundled?.(id);
    if (!parsed || parsed.frontMatter.id !== id) return undefined;
    if (selector.version !== undefined && parsed.frontMatter.version !== selector.version) return undefined;
    return fromFile(parsed);
  }

  // Asks the registry; "not found" becomes a not-registered entry when there is a bundled copy.
  async function load(key: string, id: string, selector: PromptSelector): Promise<CacheEntry> {
    const started = generation;
    let entry: CacheEntry;
    try {
      entry = {
        prompt: fromVersion(await options.fetcher.fetch(id, selector)),
        origin: "registry",
        fetchedAt: clock.now(),
      };
    } catch (error) {
      if (!isPromptNotFound(error)) {
        counters.fetchErrors++;
        const at = clock.now();
        counters.lastFetchError = { promptId: id, message: messageOf(error), at: new Date(at).toISOString() };
        const cached = cache.get(key);
        if (cached) cached.failure = { at, message: messageOf(error) };
        throw error;
      }
      const copy = await bundledCopy(id, selector);
      if (!copy) throw error;
      entry = {
        prompt: copy,
        origin: "not-registered",
        fetchedAt: clock.now(),
        fallbackError: messageOf(error),
      };
    }
    if (generation === started) cache.set(key, entry);
    return entry;
  }

  function refreshInBackground(key: string, id: string, selector: PromptSelector, entry: CacheEntry): void {
    if (flights.inFlight(key)) return;
    // A failing registry is asked again at most once per TTL per prompt.
    if (entry.failure && clock.now() - entry.failure.at < ttlMs) return;
    flights
      .run(key, () => load(key, id, selector))
      .catch((error: unknown) => {
        // The registry now says the prompt does not exist (and there is no bundled copy): stop serving it.
        if (isPromptNotFound(error) && cache.get(key) === entry) cache.delete(key);
      });
  }

  function serve(entry: CacheEntry, state: "fetched" | "fresh" | "stale"): ServedPrompt {
    if (entry.origin !== "registry") {
      counters.bundledServed++;
      const served: ServedPrompt = { ...entry.prompt, servedFrom: "bundled", fallbackReason: entry.origin };
      recordPromptFallback(served, entry.fallbackError ?? "", options.telemetry);
      return served;
    }
    if (state === "fetched") return { ...entry.prompt, servedFrom: "registry" };
    if (state === "fresh") {
      counters.hits++;
      return { ...entry.prompt, servedFrom: "cache" };
    }
    counters.staleServed++;
    if (!entry.failure) return { ...entry.prompt, servedFrom: "stale-cache" };
    const served: ServedPrompt = {
      ...entry.prompt,
      servedFrom: "stale-cache",
      fallbackReason: "unreachable",
    };
    recordPromptFallback(served, entry.failure.message, options.telemetry);
    return served;
  }

  async function fetchNow(key: string, id: string, selector: PromptSelector): Promise<ServedPrompt> {
    counters.misses++;
    try {
      return serve(await flights.run(key, () => load(key, id, selector)), "fetched");
    } catch (error) {
      if (isPromptNotFound(error)) throw error;
      let bundledProblem: string | undefined;
      const copy = await bundledCopy(id, selector).catch((problem: unknown) => {
        bundledProblem = messageOf(problem);
        return undefined;
      });
      if (!copy) {
        throw unavailable(id, selector, error, {
          configured: options.bundled !== undefined,
          problem: bundledProblem,
        });
      }
      const entry: CacheEntry = {
        prompt: copy,
        origin: "unreachable",
        fetchedAt: clock.now(),
        fallbackError: messageOf(error),
      };
      // Later calls serve the bundled copy at once and retry the registry in the background.
      if (!cache.has(key)) cache.set(key, entry);
      return serve(entry, "fetched");
    }
  }

  return {
    async getPrompt(id, selector) {
      const chosen = selectorOf(selector, defaultLabel);
      const key = JSON.stringify([id, chosen.label ?? null, chosen.version ?? null]);
      const entry = cache.get(key);
      if (entry) {
        const age = clock.now() - entry.fetchedAt;
        if (age < ttlMs) return serve(entry, "fresh");
        if (age <= maxStaleMs) {
          refreshInBackground(key, id, chosen, entry);
          return serve(entry, "stale");
        }
        cache.delete(key);
      }
      return fetchNow(key, id, chosen);
    },
    invalidate(id) {
      generation++;
      if (id === undefined) {
        cache.clear();
        return;
      }
      for (const key of cache.keys()) if ((JSON.parse(key) as string[])[0] === id) cache.delete(key);
    },
    stats: () => ({
      ...counters,
      lastFetchError: counters.lastFetchError ? { ...counters.lastFetchError } : null,
    }),
  };
}
