import type { Verdict } from "./check-scorer.js";

// What a `javascript` expression or a `custom` scorer may return, read the way promptfoo reads it: a
// boolean; a number (a score: it passes when ≥ the threshold, or when > 0 without one); or an object
// `{ pass?, score?, reason? }` (`passed`/`value` accepted too), where a given `pass` decides and a
// threshold given in the spec must also be reached.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a script's return value; throws when it is none of the accepted shapes. */
export function scriptVerdict(result: unknown, threshold: number | undefined): Verdict {
  if (typeof result === "boolean") return { value: result ? 1 : 0, passed: result };
  if (typeof result === "number" && Number.isFinite(result)) {
    return { value: result, passed: threshold === undefined ? result > 0 : result >= threshold };
  }
  if (isRecord(result)) {
    const pass = result.pass ?? result.passed;
    const score = result.score ?? result.value;
    if (
      (pass === undefined || typeof pass === "boolean") &&
      (score === undefined || (typeof score === "number" && Number.isFinite(score))) &&
      (pass !== undefined || score !== undefined)
    ) {
      const value = score ?? (pass ? 1 : 0);
      const passed =
        (pass ?? (threshold === undefined ? value > 0 : true)) &&
        (threshold === undefined || value >= threshold);
      return {
        value,
        passed,
        ...(typeof result.reason === "string" ? { reason: result.reason } : {}),
        ...(result.inconclusive === true ? { inconclusive: true } : {}),
      };
    }
  }
  const shown =
    typeof result === "string" ? `the string ${JSON.stringify(result.slice(0, 80))}` : typeof result;
  throw new Error(`must return a boolean, a number or { pass, score, reason }; returned ${shown}`);
}
