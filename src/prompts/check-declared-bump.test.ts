import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDeclaredBump } from "./check-declared-bump.js";
import { parsePromptFile } from "./parse-prompt-file.js";

const triageSource = readFileSync(
  new URL("../../examples/support-desk/prompts/triage.prompt.md", import.meta.url),
  "utf8",
);
const triage = parsePromptFile(triageSource, "triage.prompt.md");

// The story: a "patch" rewording that also drops an output field a consumer reads.
const droppedConfidence = (version: string) =>
  parsePromptFile(
    triageSource
      .replace("version: 1.0.0", `version: ${version}`)
      .replace("required: [category, confidence]", "required: [category]")
      .replace(/ {4}confidence:.*\n/, "")
      .replace(" and your confidence", ""),
    "triage.prompt.md",
  );

describe("checkDeclaredBump", () => {
  it("fails a patch that removes an output field and says why", () => {
    const check = checkDeclaredBump(triage, droppedConfidence("1.0.1"));
    expect(check.ok).toBe(false);
    expect(check.declared).toBe("patch");
    expect(check.required).toBe("major");
    expect(check.message).toContain(
      "triage declared a patch bump (1.0.0 → 1.0.1) but its changes need a major bump",
    );
    expect(check.message).toContain("output.confidence: field removed (needs major)");
    expect(check.message).not.toContain("template");
  });

  it("passes the same change declared as a major", () => {
    const check = checkDeclaredBump(triage, droppedConfidence("2.0.0"));
    expect(check).toMatchObject({ ok: true, declared: "major", required: "major" });
    expect(check.message).toBeUndefined();
  });

  it("passes a larger bump than needed, and a pre-release of the right size", () => {
    const wording = triageSource.replace("online shop", "online store");
    const minor = parsePromptFile(wording.replace("version: 1.0.0", "version: 1.1.0"), "t.prompt.md");
    expect(checkDeclaredBump(triage, minor)).toMatchObject({
      ok: true,
      declared: "minor",
      required: "patch",
    });
    expect(checkDeclaredBump(triage, droppedConfidence("2.0.0-rc.1"))).toMatchObject({
      ok: true,
      declared: "major",
    });
  });

  it("fails a changed prompt that kept its version, and a version that went down", () => {
    const same = parsePromptFile(triageSource.replace("online shop", "online store"), "t.prompt.md");
    const kept = checkDeclaredBump(triage, same);
    expect(kept.ok).toBe(false);
    expect(kept.message).toContain("kept version 1.0.0");
    const lower = parsePromptFile(triageSource.replace("version: 1.0.0", "version: 0.9.0"), "t.prompt.md");
    expect(checkDeclaredBump(triage, lower).message).toContain("lower than 1.0.0");
  });

  it("passes an unchanged prompt at the same version", () => {
    expect(checkDeclaredBump(triage, triage)).toMatchObject({ ok: true, declared: "none", required: "none" });
  });
});
