import { z } from "zod";
import {
  type ErrorCategory,
  errorDomains,
  GantryError,
  type JsonValue,
  sha256Hex,
} from "../../core/index.js";
import { parsePromptFile } from "../parse-prompt-file.js";
import type { PromptFetcher, PromptVersionInfo } from "../registry-spec.js";

// Fetches prompts from a Gantry server: `GET {baseUrl}/api/v1/prompts/{id}/resolve?label=…` (or
// `?version=…`) answers a PromptVersionInfo as JSON, or `{ error: GantryErrorJSON }`. The server's
// "not found" errors come back as the same GantryError codes, so the client can tell "not registered"
// (serve the bundled copy) from "the registry failed" (serve the cache). The source is re-parsed and
// its hash checked: what runs is exactly the text the registry holds.

export interface HttpPromptFetcherOptions {
  /** The server, e.g. `http://127.0.0.1:4100`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; needs the `read` scope. */
  apiKey?: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Per request. Default 5000 ms. */
  timeoutMs?: number;
}

const versionInfoSchema = z.object({
  id: z.string(),
  version: z.string(),
  hash: z.string(),
  source: z.string(),
  message: z.string().nullable().default(null),
  author: z.string().nullable().default(null),
  createdAt: z.string(),
});

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    domain: z.string().optional(),
    category: z.enum(["USER", "SYSTEM", "THIRD_PARTY", "MODEL_BEHAVIOR"]).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    hint: z.string().optional(),
  }),
});

function registryError(code: string, message: string, url: string, cause?: unknown): GantryError {
  return new GantryError({
    code,
    message,
    domain: "PROMPT",
    category: "THIRD_PARTY",
    details: { url },
    cause,
    hint: "Check the registry's base URL, that the server is running, and the API key.",
  });
}

// The server's own error, rebuilt so codes like PROMPT_NOT_FOUND keep their meaning here.
function serverError(body: unknown, status: number, url: string): GantryError {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) {
    return registryError(
      "PROMPT_REGISTRY_UNREACHABLE",
      `The prompt registry answered HTTP ${status} (${url})`,
      url,
    );
  }
  const { code, message, domain, category, details, hint } = parsed.data.error;
  return new GantryError({
    code,
    message,
    domain: errorDomains.find((known) => known === domain) ?? "PROMPT",
    category: (category ?? "THIRD_PARTY") as ErrorCategory,
    details: { ...(details as Record<string, JsonValue> | undefined), url, status },
    ...(hint === undefined ? {} : { hint }),
  });
}

function toVersionInfo(body: unknown, id: string, url: string): PromptVersionInfo {
  const parsed = versionInfoSchema.safeParse(body);
  if (!parsed.success) {
    throw registryError(
      "PROMPT_REGISTRY_RESPONSE_INVALID",
      `The prompt registry's answer for ${id} is not a prompt version: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")} (${url})`,
      url,
    );
  }
  const info = parsed.data;
  if (info.id !== id || sha256Hex(info.source) !== info.hash) {
    throw registryError(
      "PROMPT_REGISTRY_RESPONSE_INVALID",
      `The prompt registry answered ${info.id}@${info.version} for ${id}, whose source does not match its id or hash (${url})`,
      url,
    );
  }
  const file = parsePromptFile(info.source, `${info.id}@${info.version}`);
  return { ...info, frontMatter: file.frontMatter, template: file.template };
}

/** A fetcher asking a Gantry server's prompt registry over HTTP. */
export function httpPromptFetcher(options: HttpPromptFetcherOptions): PromptFetcher {
  const fetchFunction = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    async fetch(id, selector) {
      const query = new URLSearchParams();
      if (selector.label !== undefined) query.set("label", selector.label);
      if (selector.version !== undefined) query.set("version", selector.version);
      const url = `${base}/api/v1/prompts/${encodeURIComponent(id)}/resolve${query.size > 0 ? `?${query}` : ""}`;
      let response: Response;
      try {
        response = await fetchFunction(url, {
          headers: {
            accept: "application/json",
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
      } catch (error) {
        throw registryError(
          "PROMPT_REGISTRY_UNREACHABLE",
          `The prompt registry did not answer (${url}): ${error instanceof Error ? error.message : String(error)}`,
          url,
          error,
        );
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw serverError(body, response.status, url);
      return toVersionInfo(body, id, url);
    },
  };
}
