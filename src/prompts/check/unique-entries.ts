import type { z } from "zod";

/**
 * A zod check that each entry's `key` is unique; a repeat is reported on that entry's key field, so
 * the error names the line of the second one.
 */
export function uniqueEntries<T extends Record<K, string>, K extends string>(
  key: K,
  expectation: (value: string) => string,
): (entries: T[], context: z.RefinementCtx) => void {
  return (entries, context) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const value = entry[key];
      if (seen.has(value))
        context.addIssue({ code: "custom", path: [index, key], message: expectation(value) });
      seen.add(value);
    });
  };
}
