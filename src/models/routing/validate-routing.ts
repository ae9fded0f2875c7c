import type { ModelsConfig } from "../../core/index.js";
import { duplicateCascadeError, invalidRegexError, unknownTierError } from "./routing-errors.js";

/**
 * Checks `models.routing` against `models.tiers`: every tier a rule, content rule or cascade names
 * exists, every content regex compiles, cascade names are unique. Throws the first problem as a
 * GantryError naming its config path (e.g. `models.routing.rules[1].tier`); run it at start-up so a
 * typo fails the boot, not the first request that happens to hit the rule.
 */
export function validateRouting(models: ModelsConfig): void {
  const knownTiers = Object.keys(models.tiers);
  const checkTier = (path: string, tier: string) => {
    if (!Object.hasOwn(models.tiers, tier)) throw unknownTierError(path, tier, knownTiers);
  };
  const { rules, content, cascade } = models.routing;
  rules.forEach((rule, index) => {
    checkTier(`models.routing.rules[${index}].tier`, rule.tier);
  });
  content.forEach((rule, index) => {
    checkTier(`models.routing.content[${index}].tier`, rule.tier);
    if (rule.regex !== undefined) compileRoutingRegex(rule.regex, `models.routing.content[${index}].regex`);
  });
  const names = new Set<string>();
  cascade.forEach((entry, index) => {
    if (names.has(entry.name))
      throw duplicateCascadeError(`models.routing.cascade[${index}].name`, entry.name);
    names.add(entry.name);
    checkTier(`models.routing.cascade[${index}].from`, entry.from);
    checkTier(`models.routing.cascade[${index}].to`, entry.to);
  });
}

/** A content rule's regex, compiled case-insensitively (as the sim's scenario matchers are). */
export function compileRoutingRegex(source: string, path: string): RegExp {
  try {
    return new RegExp(source, "i");
  } catch (error) {
    throw invalidRegexError(path, source, error);
  }
}
