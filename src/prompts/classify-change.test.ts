import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyPromptChange } from "./classify-change.js";
import { type ParsedPrompt, parsePromptFile } from "./parse-prompt-file.js";

const triageSource = readFileSync(
  new URL("../../examples/support-desk/prompts/triage.prompt.md", import.meta.url),
  "utf8",
);
const triage = parsePromptFile(triageSource, "triage.prompt.md");

function edit(replace: (source: string) => string): ParsedPrompt {
  const source = replace(triageSource);
  expect(source).not.toBe(triageSource);
  return parsePromptFile(source, "triage.prompt.md");
}

function classify(replace: (source: string) => string) {
  return classifyPromptChange(triage, edit(replace));
}

describe("classifyPromptChange", () => {
  it("finds nothing between identical prompts", () => {
    expect(classifyPromptChange(triage, parsePromptFile(triageSource, "copy.prompt.md"))).toEqual({
      bump: "none",
      reasons: [],
    });
  });

  it("calls a wording change a patch", () => {
    const result = classify((source) => source.replace("online shop", "online store"));
    expect(result).toEqual({
      bump: "patch",
      reasons: [{ bump: "patch", path: "template", message: "wording changed" }],
    });
  });

  it("calls a removed, renamed or retyped variable major", () => {
    const renamed = classify((source) =>
      source.replace("  shop:", "  store:").replace("{{shop}}", "{{store}}"),
    );
    expect(renamed.bump).toBe("major");
    expect(renamed.reasons).toContainEqual(
      expect.objectContaining({ path: "variables.shop", bump: "major" }),
    );
    expect(renamed.reasons.find((reason) => reason.path === "variables.shop")?.message).toContain("store");
    const retyped = classify((source) => source.replace("shop: { type: string", "shop: { type: json"));
    expect(retyped.reasons).toContainEqual({
      bump: "major",
      path: "variables.shop",
      message: "type changed from string to json",
    });
  });

  it("calls an added required variable major and an added optional one minor", () => {
    const required = classify((source) => source.replace("variables:\n", "variables:\n  locale: string\n"));
    expect(required.bump).toBe("major");
    const optional = classify((source) =>
      source.replace("variables:\n", "variables:\n  locale: { type: string, required: false }\n"),
    );
    expect(optional).toEqual({
      bump: "minor",
      reasons: [{ bump: "minor", path: "variables.locale", message: "optional variable added" }],
    });
  });

  it("calls a removed or renamed output field major, naming the field", () => {
    const removed = classify((source) =>
      source
        .replace("required: [category, confidence]", "required: [category]")
        .replace(/ {4}confidence:.*\n/, ""),
    );
    expect(removed.bump).toBe("major");
    expect(removed.reasons).toContainEqual({
      bump: "major",
      path: "output.confidence",
      message: "field removed",
    });
    const renamed = classify((source) =>
      source.replace("[category, confidence]", "[queue, confidence]").replace("    category:", "    queue:"),
    );
    expect(renamed.reasons).toContainEqual({
      bump: "major",
      path: "output.category",
      message: "field renamed to 'queue'",
    });
  });

  it("calls a retyped field, a removed enum value and a field made required major", () => {
    const retyped = classify((source) =>
      source.replace("confidence: { type: number", "confidence: { type: string"),
    );
    expect(retyped.reasons).toContainEqual({
      bump: "major",
      path: "output.confidence",
      message: "type changed from number to string",
    });
    const enumRemoved = classify((source) => source.replace("account, other]", "other]"));
    expect(enumRemoved.reasons).toContainEqual({
      bump: "major",
      path: "output.category",
      message: 'enum value(s) removed: "account"',
    });
    const madeRequired = classify((source) =>
      source
        .replace("required: [category, confidence]", "required: [category, confidence, reason]")
        .replace("  properties:\n", "  properties:\n    reason: { type: string }\n"),
    );
    expect(madeRequired.reasons).toContainEqual({
      bump: "major",
      path: "output.reason",
      message: "required field added",
    });
  });

  it("calls an optional output field or an enum value added minor", () => {
    const optional = classify((source) =>
      source.replace("  properties:\n", "  properties:\n    reason: { type: string }\n"),
    );
    expect(optional).toEqual({
      bump: "minor",
      reasons: [{ bump: "minor", path: "output.reason", message: "optional field added" }],
    });
    const enumAdded = classify((source) => source.replace("account, other]", "account, billing, other]"));
    expect(enumAdded).toEqual({
      bump: "minor",
      reasons: [{ bump: "minor", path: "output.category", message: 'enum value(s) added: "billing"' }],
    });
  });

  it("looks into array items", () => {
    const before = parsePromptFile(
      "---\nid: t\nversion: 1.0.0\noutput:\n  type: array\n  items:\n    type: object\n    properties:\n      name: { type: string }\n---\nx\n",
      "t.prompt.md",
    );
    const after = parsePromptFile(
      "---\nid: t\nversion: 1.0.0\noutput:\n  type: array\n  items:\n    type: object\n    properties:\n      name: { type: number }\n---\nx\n",
      "t.prompt.md",
    );
    expect(classifyPromptChange(before, after).reasons).toEqual([
      { bump: "major", path: "output[].name", message: "type changed from string to number" },
    ]);
  });
});
