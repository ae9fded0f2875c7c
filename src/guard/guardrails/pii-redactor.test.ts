import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { samplePii } from "../../../test/support/guardrail-corpus.js";
import { createPiiRedactor } from "./pii-redactor.js";

describe("createPiiRedactor", () => {
  it("replaces each kind with numbered placeholders and reports findings without the values", () => {
    const redactor = createPiiRedactor();
    const text =
      "Dana <dana@example.com>, +44 20 7946 0958, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE";
    const redaction = redactor.redact(text);
    expect(redaction.text).toBe("Dana <[EMAIL_1]>, [PHONE_1], card [CARD_1], key [SECRET_1]");
    expect(redaction.findings.map((finding) => [finding.kind, finding.placeholder])).toEqual([
      ["pii.email", "[EMAIL_1]"],
      ["pii.phone", "[PHONE_1]"],
      ["pii.card", "[CARD_1]"],
      ["pii.secret", "[SECRET_1]"],
    ]);
    expect(JSON.stringify(redaction.findings)).not.toContain("dana@");
    expect(text.slice(redaction.findings[0]!.start, redaction.findings[0]!.end)).toBe("dana@example.com");
  });

  it("gives the same value the same placeholder across calls, even spelled differently", () => {
    const redactor = createPiiRedactor();
    expect(redactor.redact("from dana@example.com to ops@example.com").text).toBe(
      "from [EMAIL_1] to [EMAIL_2]",
    );
    expect(redactor.redact("again Dana@Example.COM, and 4111-1111-1111-1111").text).toBe(
      "again [EMAIL_1], and [CARD_1]",
    );
    expect(redactor.redact("card 4111 1111 1111 1111").text).toBe("card [CARD_1]");
    expect(redactor.size).toBe(3);
  });

  it("restores every placeholder of its vault and leaves other bracketed text alone", () => {
    const redactor = createPiiRedactor();
    const original = `Values: ${samplePii.join(" | ")}.`;
    const redacted = redactor.redact(original).text;
    for (const value of samplePii) expect(redacted).not.toContain(value);
    expect(redactor.restore(redacted)).toBe(original);
    expect(redactor.restore("[EMAIL_99] and [NOTE_1] and [EMAIL_1]")).toBe(
      "[EMAIL_99] and [NOTE_1] and dana.whitfield@example.com",
    );
  });

  it("restores the reply the model writes with the placeholders it was given", () => {
    const redactor = createPiiRedactor();
    redactor.redact("I am dana@example.com, my phone is +44 20 7946 0958");
    const reply = "Thanks! We will email [EMAIL_1] and call [PHONE_1] if needed.";
    expect(redactor.restore(reply)).toBe(
      "Thanks! We will email dana@example.com and call +44 20 7946 0958 if needed.",
    );
  });

  it("keeps its vault through a JSON snapshot, so a resumed run continues the numbering", () => {
    const first = createPiiRedactor();
    first.redact("dana@example.com, ops@example.com, +44 20 7946 0958");
    const saved = JSON.parse(JSON.stringify(first.snapshot()));
    const resumed = createPiiRedactor({ snapshot: saved });
    expect(resumed.restore("[EMAIL_2] / [PHONE_1]")).toBe("ops@example.com / +44 20 7946 0958");
    expect(resumed.redact("ops@example.com and new@example.com").text).toBe("[EMAIL_2] and [EMAIL_3]");
  });

  it("refuses a snapshot edited into something else", () => {
    const bad = [
      { version: 2, entries: [] },
      { version: 1, entries: [{ placeholder: "[EMAIL_1]", kind: "phone", original: "x" }] },
      { version: 1, entries: [{ placeholder: "[EMAIL_1]", kind: "email", original: "" }] },
      {
        version: 1,
        entries: [
          { placeholder: "[EMAIL_1]", kind: "email", original: "a@example.com" },
          { placeholder: "[EMAIL_1]", kind: "email", original: "b@example.com" },
        ],
      },
      "not a snapshot",
    ];
    for (const snapshot of bad) {
      const error = catchGantryError(() => createPiiRedactor({ snapshot }));
      expect(error.code, JSON.stringify(snapshot)).toBe("GUARDRAIL_VAULT_SNAPSHOT_INVALID");
    }
  });

  it("limits itself to the kinds asked for and validates its options", () => {
    const redactor = createPiiRedactor({ kinds: ["email"] });
    expect(redactor.redact("dana@example.com +44 20 7946 0958").text).toBe("[EMAIL_1] +44 20 7946 0958");
    expect(catchGantryError(() => createPiiRedactor({ minScore: 2 })).code).toBe("GUARDRAIL_OPTIONS_INVALID");
    expect(catchGantryError(() => createPiiRedactor({ kinds: ["passport" as never] })).code).toBe(
      "GUARDRAIL_OPTIONS_INVALID",
    );
  });

  it("scan finds without minting placeholders", () => {
    const redactor = createPiiRedactor();
    expect(redactor.scan("dana@example.com")).toHaveLength(1);
    expect(redactor.size).toBe(0);
  });

  it("accepts a custom detector given without the global flag", () => {
    const redactor = createPiiRedactor({
      detectors: [
        {
          name: "employee-id",
          kind: "secret",
          pattern: /EMP-\d{6}/,
          alphabet: /[A-Z0-9-]/,
          maxLength: 11,
          verdict: () => ({ score: 0.9 }),
        },
      ],
    });
    expect(redactor.redact("EMP-123456 and EMP-654321").text).toBe("[SECRET_1] and [SECRET_2]");
  });
});
