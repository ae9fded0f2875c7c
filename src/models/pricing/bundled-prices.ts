import { GantryError } from "../../core/index.js";
import { type PriceFile, type PriceSnapshot, parsePriceFile } from "./parse-price-file.js";
// A JSON module, so `tsc` copies the file next to the compiled module and it ships in dist/.
import bundledJson from "./prices.json" with { type: "json" };

/** Where the bundled prices live, for messages. */
export const bundledPriceFileName = "gantry/dist/models/pricing/prices.json";

let cached: (PriceFile & { snapshot: PriceSnapshot }) | undefined;

/** The price file shipped with Gantry, validated once; its snapshot record says which public lists it copies. */
export function bundledPrices(): PriceFile & { snapshot: PriceSnapshot } {
  if (cached) return cached;
  const parsed = parsePriceFile(bundledJson, bundledPriceFileName);
  if (!parsed.snapshot) {
    throw new GantryError({
      code: "PRICE_SNAPSHOT_MISSING",
      message: `The bundled price file ${bundledPriceFileName} has no gantry_snapshot record`,
      domain: "MODEL",
      category: "SYSTEM",
      hint: "Reinstall Gantry; the package is damaged.",
    });
  }
  cached = { entries: parsed.entries, snapshot: parsed.snapshot };
  return cached;
}
