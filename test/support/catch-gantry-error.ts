import { GantryError } from "../../src/core/index.js";

/** The GantryError `work` throws, for asserting on its code and details; anything else fails the test. */
export function catchGantryError(work: () => unknown): GantryError {
  try {
    work();
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a GantryError");
}
