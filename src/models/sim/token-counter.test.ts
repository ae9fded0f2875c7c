import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
import { loadTokenCounter } from "./token-counter.js";

const sample = "Where is my refund for order A-1234? I was charged twice on 3 March — ça m'énerve!";

describe("token counter", () => {
  it("counts exactly as js-tiktoken's o200k_base encoding does", async () => {
    const reference = new Tiktoken(o200kBase);
    const counter = await loadTokenCounter();
    expect(counter.count(sample)).toBe(reference.encode(sample).length);
    expect(counter.count("")).toBe(0);
  });

  it("loads the encoding once and shares it", async () => {
    expect(await loadTokenCounter()).toBe(await loadTokenCounter());
  });

  it("truncates to a token budget, keeping a prefix of the text", async () => {
    const counter = await loadTokenCounter();
    const cut = counter.truncate(sample, 5);
    expect(counter.count(cut)).toBeLessThanOrEqual(5);
    expect(sample.startsWith(cut)).toBe(true);
    expect(cut.length).toBeGreaterThan(0);
    expect(counter.truncate("short", 50)).toBe("short");
  });
});
