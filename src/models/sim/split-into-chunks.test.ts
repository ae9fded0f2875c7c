import { describe, expect, it } from "vitest";
import { SeededRandom } from "./seeded-random.js";
import { splitIntoChunks, splitJsonIntoChunks } from "./split-into-chunks.js";

describe("splitting into chunks", () => {
  it("joins back to the exact text, in chunks of one to three words", () => {
    const text = "  Refunds take five to ten business days,\nonce the return arrives.  ";
    const chunks = splitIntoChunks(text, new SeededRandom(1));
    expect(chunks.join("")).toBe(text);
    for (const chunk of chunks) expect(chunk.trim().split(/\s+/).length).toBeLessThanOrEqual(3);
    expect(chunks.length).toBeGreaterThan(3);
    expect(splitIntoChunks("", new SeededRandom(1))).toEqual([]);
  });

  it("splits tool-call JSON into about three pieces", () => {
    const json = JSON.stringify({ orderId: "A-1234", reason: "damaged" });
    const pieces = splitJsonIntoChunks(json);
    expect(pieces.join("")).toBe(json);
    expect(pieces.length).toBe(3);
    expect(splitJsonIntoChunks("{}")).toEqual(["{}"]);
  });
});
