import type { ModelsConfig, ProviderKind } from "../../core/index.js";

/** A provider after built-ins and the workspace's `models.providers` are merged; no secrets inside. */
export interface ProviderDefinition {
  name: string;
  kind: ProviderKind;
  /** Where the API root comes from, for messages: `config`, an env var name, or `default`. */
  baseURLSource: string;
  /** The API root, resolved from config, env or the kind's default; undefined only when it is missing. */
  baseURL: string | undefined;
  /** The env var holding the key; undefined for providers that never send one. */
  apiKeyEnv: string | undefined;
  /** Whether the provider is unusable without its key (cloud APIs) or works without one (local servers). */
  requiresKey: boolean;
  headers: Record<string, string>;
  /** True when the provider exists without configuration (`openai`, `anthropic`, `ollama`, `sim`). */
  builtIn: boolean;
  /** True when `models.providers` has an entry of this name. */
  configured: boolean;
}

interface BuiltInProvider {
  kind: ProviderKind;
  apiKeyEnv?: string;
  baseURLEnv?: string;
  defaultBaseURL?: string;
  requiresKey: boolean;
}

/** Providers every workspace has, configured by the usual environment variables. */
export const builtInProviders: Readonly<Record<string, BuiltInProvider>> = {
  openai: {
    kind: "openai",
    apiKeyEnv: "OPENAI_API_KEY",
    baseURLEnv: "OPENAI_BASE_URL",
    defaultBaseURL: "https://api.openai.com/v1",
    requiresKey: true,
  },
  anthropic: {
    kind: "anthropic",
    apiKeyEnv: "ANTHROPIC_API_KEY",
    baseURLEnv: "ANTHROPIC_BASE_URL",
    defaultBaseURL: "https://api.anthropic.com/v1",
    requiresKey: true,
  },
  ollama: {
    kind: "openai-compatible",
    baseURLEnv: "OLLAMA_BASE_URL",
    defaultBaseURL: "http://127.0.0.1:11434/v1",
    requiresKey: false,
  },
  sim: { kind: "sim", requiresKey: false },
};

const kindDefaultBaseURL: Partial<Record<ProviderKind, string>> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1",
};
const kindDefaultKeyEnv: Partial<Record<ProviderKind, string>> = {
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
};

/** Reads an env var, treating an empty or blank value as unset (a common `KEY=` in `.env` files). */
export function readEnv(
  env: Record<string, string | undefined>,
  name: string | undefined,
): string | undefined {
  if (name === undefined) return undefined;
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

// `groq` -> GROQ_API_KEY, `my-vllm` -> MY_VLLM_API_KEY: the name a user would guess.
function conventionalKeyEnv(name: string): string {
  return `${name.toUpperCase().replaceAll("-", "_")}_API_KEY`;
}

/**
 * Merges the built-in providers with `models.providers`. A configured entry replaces a built-in of the
 * same name, but keeps its env conventions: a configured `openai` still reads OPENAI_API_KEY.
 * The base URL comes from config first, then the built-in's env var, then the kind's default.
 */
export function providerDefinitions(
  models: ModelsConfig,
  env: Record<string, string | undefined>,
): Map<string, ProviderDefinition> {
  const definitions = new Map<string, ProviderDefinition>();
  const names = new Set([...Object.keys(builtInProviders), ...Object.keys(models.providers)]);
  for (const name of names) {
    const configured = models.providers[name];
    const builtIn = Object.hasOwn(builtInProviders, name) ? builtInProviders[name] : undefined;
    const kind = configured?.kind ?? builtIn?.kind ?? "openai-compatible";
    const sameKindBuiltIn = builtIn?.kind === kind ? builtIn : undefined;
    const envBaseURL = readEnv(env, sameKindBuiltIn?.baseURLEnv);
    let baseURL: string | undefined;
    let baseURLSource = "default";
    if (configured?.baseURL !== undefined) {
      baseURL = configured.baseURL;
      baseURLSource = `models.providers.${name}.baseURL`;
    } else if (envBaseURL !== undefined) {
      baseURL = envBaseURL;
      baseURLSource = sameKindBuiltIn?.baseURLEnv ?? "env";
    } else {
      baseURL = sameKindBuiltIn?.defaultBaseURL ?? kindDefaultBaseURL[kind];
    }
    const apiKeyEnv =
      kind === "sim"
        ? undefined
        : (configured?.apiKeyEnv ??
          sameKindBuiltIn?.apiKeyEnv ??
          kindDefaultKeyEnv[kind] ??
          (configured?.requiresKey === true ? conventionalKeyEnv(name) : undefined));
    const requiresKey =
      kind === "sim"
        ? false
        : (configured?.requiresKey ??
          (kind === "openai-compatible"
            ? configured?.apiKeyEnv !== undefined || (sameKindBuiltIn?.requiresKey ?? false)
            : true));
    definitions.set(name, {
      name,
      kind,
      baseURL,
      baseURLSource,
      apiKeyEnv,
      requiresKey,
      headers: { ...configured?.headers },
      builtIn: builtIn !== undefined,
      configured: configured !== undefined,
    });
  }
  return definitions;
}
