import { hashJson } from "../../core/index.js";
import type { Dataset, EvalCase } from "../eval-spec.js";

/** A dataset version: its cases and the sha256 of their canonical JSON (what a run pins). */
export function datasetOf(name: string, cases: EvalCase[], origin?: string): Dataset {
  return { name, hash: hashJson(cases), cases, ...(origin === undefined ? {} : { origin }) };
}
