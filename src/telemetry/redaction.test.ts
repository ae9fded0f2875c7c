import { describe, expect, it } from "vitest";
import { defaultRedact, redactedText, serialiseRedacted } from "./redaction.js";

describe("redaction", () => {
  it("masks values under sensitive keys at any depth, whatever their spelling", () => {
    const input = {
      query: "refund",
      apiKey: "abc",
      nested: { "X-Api-Key": "k", password: "p", accessToken: "t", list: [{ client_secret: "s" }] },
      maxTokens: 300,
    };
    expect(defaultRedact(input)).toEqual({
      query: "refund",
      apiKey: redactedText,
      nested: {
        "X-Api-Key": redactedText,
        password: redactedText,
        accessToken: redactedText,
        list: [{ client_secret: redactedText }],
      },
      maxTokens: 300,
    });
    expect(input.apiKey).toBe("abc");
  });

  it("masks secrets inside free text", () => {
    const text = "use Bearer abcdefghijklmnop and sk-proj_ABCDEFGHIJKLMNOPQRST, key AKIAABCDEFGHIJKLMNOP";
    expect(defaultRedact(text)).toBe(`use ${redactedText} and ${redactedText}, key ${redactedText}`);
  });

  it("applies the user's redactor after the default one and truncates long text", () => {
    const text = serialiseRedacted(
      { email: "a@example.com", token: "t", body: "x".repeat(50) },
      { field: "arguments", tool: "send" },
      (value) => ({ ...(value as Record<string, unknown>), email: "[EMAIL]" }),
      40,
    );
    expect(text).toBe(`${'{"email":"[EMAIL]","token":"[REDACTED]",'}…[truncated]`);
  });

  it("records nothing when the user's redactor returns undefined, and survives unserialisable values", () => {
    expect(serialiseRedacted({ a: 1 }, { field: "result", tool: "t" }, () => undefined, 100)).toBeUndefined();
    expect(serialiseRedacted(10n, { field: "result", tool: "t" }, undefined, 100)).toBe(
      "[unserialisable bigint]",
    );
  });
});
