import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { GantryError, type PriceEntry } from "../../core/index.js";
import { bundledPrices } from "./bundled-prices.js";
import { parsePriceFile, parsePriceOverrides } from "./parse-price-file.js";
import { bareKeyBelongsTo, parseModelId, qualifiedKeys } from "./price-lookup-keys.js";

/** Where a price came from: shipped with Gantry, the workspace's price file, or a config override. */
export type PriceOrigin = "bundled" | "file" | "override";

/** `CallCost.priceVersion` of any price the workspace set (file or override). */
export const overridePriceVersion = "override";

/** A model's price as the catalog resolved it. */
export interface ResolvedPrice {
  /** The key the entry was found under: a LiteLLM name (`gpt-4o`) or a Gantry id (`openai:gpt-4o`). */
  key: string;
  entry: PriceEntry;
  origin: PriceOrigin;
  /** The bundled snapshot version, or `override` when the workspace set any of it. */
  version: string;
}

/** One row of `gantry models list --prices`. */
export interface PriceListing extends ResolvedPrice {
  provider: string | undefined;
}

/** Prices by model: bundled < workspace file < config overrides. */
export interface PriceCatalog {
  /** The version of the bundled public price snapshot, e.g. `2026-11-01`. */
  readonly snapshotVersion: string;
  readonly snapshotSource: string;
  /** The price of a Gantry model id (`provider:model[@version]`), or undefined when unpriced. */
  lookup(modelId: string): ResolvedPrice | undefined;
  /** Every priced model, sorted by key. */
  list(): PriceListing[];
}

export interface LoadPriceCatalogOptions {
  workspaceRoot: string;
  /** The config's `models.prices`. */
  prices?: { file?: string | undefined; overrides?: Record<string, unknown> | undefined };
  /** The config's `models.providers`: a provider named `claude-eu` of kind `anthropic` gets Anthropic's prices. */
  providers?: Readonly<Record<string, { kind: string }>>;
}

interface StoredPrice {
  entry: PriceEntry;
  origin: PriceOrigin;
}

/**
 * Builds the catalog: the bundled LiteLLM-format file, then the workspace's price file (same format,
 * relative to the workspace), then `overrides`. Later layers merge field by field, so an override
 * that sets only `input_cost_per_token` keeps the other prices. Override keys with a `:` are Gantry
 * model ids; keys without one are LiteLLM names. Invalid files or overrides throw a GantryError that
 * names the file, the model and the field.
 */
export function loadPriceCatalog(options: LoadPriceCatalogOptions): PriceCatalog {
  const bundled = bundledPrices();
  const byKey = new Map<string, StoredPrice>();
  for (const [key, entry] of Object.entries(bundled.entries)) byKey.set(key, { entry, origin: "bundled" });

  const file = options.prices?.file;
  if (file !== undefined) {
    for (const [key, entry] of Object.entries(readWorkspacePriceFile(options.workspaceRoot, file))) {
      byKey.set(key, { entry: { ...byKey.get(key)?.entry, ...entry }, origin: "file" });
    }
  }
  const byModelId = new Map<string, PriceEntry>();
  for (const [key, entry] of Object.entries(parsePriceOverrides(options.prices?.overrides ?? {}))) {
    if (key.includes(":")) byModelId.set(key, entry);
    else byKey.set(key, { entry: { ...byKey.get(key)?.entry, ...entry }, origin: "override" });
  }
  const kinds = new Map(
    Object.entries(options.providers ?? {}).map(([name, provider]) => [name, provider.kind]),
  );
  return new LayeredPriceCatalog(bundled.snapshot.version, bundled.snapshot.source, byKey, byModelId, kinds);
}

function readWorkspacePriceFile(workspaceRoot: string, file: string): Record<string, PriceEntry> {
  const path = resolve(workspaceRoot, file);
  if (!existsSync(path)) {
    throw new GantryError({
      code: "PRICE_FILE_NOT_FOUND",
      message: `The price file ${file} named by models.prices.file does not exist (looked at ${path})`,
      domain: "CONFIG",
      category: "USER",
      details: { file, path },
      hint: "Give a path relative to the workspace folder, or remove models.prices.file.",
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new GantryError({
      code: "PRICE_FILE_INVALID",
      message: `The price file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      domain: "CONFIG",
      category: "USER",
      details: { file, path },
      cause: error,
      hint: "The file must be JSON in LiteLLM's model_prices_and_context_window.json format.",
    });
  }
  return parsePriceFile(raw, file).entries;
}

class LayeredPriceCatalog implements PriceCatalog {
  constructor(
    readonly snapshotVersion: string,
    readonly snapshotSource: string,
    private readonly byKey: ReadonlyMap<string, StoredPrice>,
    private readonly byModelId: ReadonlyMap<string, PriceEntry>,
    private readonly providerKinds: ReadonlyMap<string, string>,
  ) {}

  lookup(modelId: string): ResolvedPrice | undefined {
    // A versioned id (`sim:default@2026-06`) is priced as itself when listed, else as its model.
    const { unversioned } = parseModelId(modelId);
    for (const id of unversioned === undefined ? [modelId] : [modelId, unversioned]) {
      const found = this.resolve(id);
      if (found) return found;
    }
    return undefined;
  }

  list(): PriceListing[] {
    const rows: PriceListing[] = [];
    for (const [key, stored] of this.byKey) rows.push(this.listing(key, stored.entry, stored.origin));
    for (const id of this.byModelId.keys()) {
      const resolved = this.resolve(id);
      if (resolved) rows.push(this.listing(id, resolved.entry, resolved.origin));
    }
    return rows.sort((left, right) => left.key.localeCompare(right.key));
  }

  private resolve(modelId: string): ResolvedPrice | undefined {
    const base = this.findBase(modelId);
    const override = this.byModelId.get(modelId);
    if (override) {
      return {
        key: modelId,
        entry: { ...base?.entry, ...override },
        origin: "override",
        version: overridePriceVersion,
      };
    }
    return base;
  }

  private findBase(modelId: string): ResolvedPrice | undefined {
    for (const key of qualifiedKeys(modelId)) {
      const stored = this.byKey.get(key);
      if (stored) return this.resolved(key, stored);
    }
    const { provider, model } = parseModelId(modelId);
    const stored = this.byKey.get(model);
    const kind = provider === undefined ? undefined : this.providerKinds.get(provider);
    if (stored && bareKeyBelongsTo(provider, stored.entry.litellm_provider, kind)) {
      return this.resolved(model, stored);
    }
    return undefined;
  }

  private resolved(key: string, stored: StoredPrice): ResolvedPrice {
    const version = stored.origin === "bundled" ? this.snapshotVersion : overridePriceVersion;
    return { key, entry: stored.entry, origin: stored.origin, version };
  }

  private listing(key: string, entry: PriceEntry, origin: PriceOrigin): PriceListing {
    const version = origin === "bundled" ? this.snapshotVersion : overridePriceVersion;
    return { key, entry, origin, version, provider: entry.litellm_provider ?? parseModelId(key).provider };
  }
}
