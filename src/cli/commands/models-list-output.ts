import pc from "picocolors";
import type { PriceEntry } from "../../core/index.js";
import type { ModelAccess, ModelListing } from "../../models/index.js";
import { check, printJson, printTable } from "../output.js";

/** USD per 1M tokens from a per-token price; `-` when the entry has none. */
export function perMillion(perToken: number | undefined): string {
  if (perToken === undefined) return "-";
  // toFixed then trim: 1.5e-7 * 1e6 is 0.15000000000000002 in floating point.
  return `$${Number((perToken * 1_000_000).toFixed(6))}`;
}

interface PricedListing extends ModelListing {
  price?: { key: string; origin: string; version: string; entry: PriceEntry };
}

/** Prints `gantry models list`: models, then tiers, optionally with prices. */
export function printModelList(access: ModelAccess, options: { prices?: boolean; json?: boolean }): void {
  const listed: PricedListing[] = access.listModels().map((model) => {
    const price = options.prices && model.kind === "model" ? access.catalog.lookup(model.id) : undefined;
    return price ? { ...model, price } : model;
  });
  const snapshot = { version: access.catalog.snapshotVersion, source: access.catalog.snapshotSource };
  if (options.json) {
    printJson(options.prices ? { models: listed, priceSnapshot: snapshot } : { models: listed });
    return;
  }

  const models = listed.filter((model) => model.kind === "model");
  const availability = (model: ModelListing) =>
    model.available ? check(true) : `${check(false)} ${model.unavailableReason ?? ""}`;
  const headers = ["id", "provider", "tiers", "available"];
  if (options.prices)
    headers.splice(3, 0, "input/1M", "output/1M", "cache read/1M", "cache write/1M", "price");
  printTable(
    headers,
    models.map((model) => {
      const row = [
        model.id + (model.default ? pc.dim(" (default)") : ""),
        model.provider,
        model.tiers.join(", ") || "-",
      ];
      if (options.prices) {
        const entry = model.price?.entry;
        row.push(
          perMillion(entry?.input_cost_per_token),
          perMillion(entry?.output_cost_per_token),
          perMillion(entry?.cache_read_input_token_cost),
          perMillion(entry?.cache_creation_input_token_cost),
          model.price ? model.price.origin : pc.yellow("unpriced"),
        );
      }
      row.push(availability(model));
      return row;
    }),
  );
  const tiers = listed.filter((model) => model.kind === "tier");
  if (tiers.length > 0) {
    console.log();
    printTable(
      ["tier", "candidates", "available"],
      tiers.map((tier) => [
        tier.id + (tier.default ? pc.dim(" (default)") : ""),
        tier.candidates?.join(", ") || "-",
        availability(tier),
      ]),
    );
  }
  if (options.prices)
    console.log(
      pc.dim(`\nprices: bundled snapshot ${snapshot.version}; an unpriced call costs "unknown", never $0`),
    );
}
