import { GantryError } from "../../core/index.js";

// The routing module's errors. All are the user's to fix in `models.routing` (or the request), and all
// are raised before any model is called, so a routing mistake never costs a provider call.

/** A routing rule, classifier answer or cascade names a tier that `models.tiers` does not define. */
export function unknownTierError(path: string, tier: string, knownTiers: string[]): GantryError {
  return new GantryError({
    code: "MODEL_ROUTE_TIER_UNKNOWN",
    message: `${path} names tier "${tier}", which models.tiers does not define`,
    domain: "MODEL",
    category: "USER",
    details: { path, tier, knownTiers },
    hint:
      knownTiers.length > 0
        ? `Use one of the defined tiers (${knownTiers.join(", ")}) without a "tier:" prefix, or add "${tier}" to models.tiers.`
        : `Define the tier under models.tiers, e.g. tiers: { ${tier}: ["sim:fast"] }.`,
  });
}

/** A content rule's regex does not compile. */
export function invalidRegexError(path: string, source: string, cause: unknown): GantryError {
  return new GantryError({
    code: "MODEL_ROUTE_REGEX_INVALID",
    message: `${path} is not a valid JavaScript regular expression: ${source}`,
    domain: "MODEL",
    category: "USER",
    details: { path, regex: source },
    cause,
    hint: "Fix the pattern (it is compiled with the `i` flag, as `new RegExp(source, 'i')`).",
  });
}

/** Two cascades share a name, so `cascade:<name>` and the escalation counters would be ambiguous. */
export function duplicateCascadeError(path: string, name: string): GantryError {
  return new GantryError({
    code: "MODEL_ROUTE_CASCADE_DUPLICATE",
    message: `${path} repeats the cascade name "${name}"`,
    domain: "MODEL",
    category: "USER",
    details: { path, name },
    hint: "Give every entry of models.routing.cascade its own name.",
  });
}

/** A request names `cascade:<name>` and no cascade has that name. */
export function unknownCascadeError(name: string, knownCascades: string[]): GantryError {
  return new GantryError({
    code: "MODEL_ROUTE_CASCADE_UNKNOWN",
    message: `The request names cascade "${name}", which models.routing.cascade does not define`,
    domain: "MODEL",
    category: "USER",
    details: { name, knownCascades },
    hint:
      knownCascades.length > 0
        ? `Use one of: ${knownCascades.map((known) => `cascade:${known}`).join(", ")}.`
        : "Define it under models.routing.cascade, or name a tier (tier:<name>) or a model (provider:model).",
  });
}

/** A `json-schema` cascade validator met a response schema that cannot be checked. */
export function unsupportedSchemaError(cascade: string, cause: unknown): GantryError {
  return new GantryError({
    code: "MODEL_CASCADE_SCHEMA_UNSUPPORTED",
    message: `Cascade "${cascade}" validates with json-schema, but the request's response schema cannot be checked: ${
      cause instanceof Error ? cause.message : String(cause)
    }`,
    domain: "MODEL",
    category: "USER",
    details: { cascade },
    cause,
    hint: "Simplify the schema (no if/then/else, local $refs only) or give the cascade a validator function.",
  });
}

/** The configured classifier threw; the request is not routed by guesswork. */
export function classifierFailedError(cause: unknown): GantryError {
  return new GantryError({
    code: "MODEL_ROUTE_CLASSIFIER_FAILED",
    message: `models.routing.classifier threw: ${cause instanceof Error ? cause.message : String(cause)}`,
    domain: "MODEL",
    category: "USER",
    cause,
    hint: "Fix the classifier function; return undefined when it has no opinion.",
  });
}
