import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { piiGuardrail } from "./pii-guardrail.js";
import { createPiiRedactor } from "./pii-redactor.js";

describe("piiGuardrail", () => {
  it("redacts by default at every stage, through a vault the reply can be restored with", async () => {
    const guardrail = piiGuardrail();
    expect(guardrail.stages).toEqual(["input", "tool-output", "output"]);
    const outcome = await guardrail.check("I am dana@example.com", "input");
    expect(outcome).toMatchObject({ action: "redact", text: "I am [EMAIL_1]" });
    expect(guardrail.redactor.restore("Hello [EMAIL_1]")).toBe("Hello dana@example.com");
  });

  it("allows text without findings unchanged", async () => {
    expect(await piiGuardrail().check("Where is my parcel?", "input")).toEqual({ action: "allow" });
  });

  it("rejects instead when asked, naming the kinds and never the values", async () => {
    const guardrail = piiGuardrail({ action: "reject" });
    const outcome = await guardrail.check(
      "dana@example.com, ops@example.com, 4111 1111 1111 1111",
      "tool-output",
    );
    expect(outcome.action).toBe("reject");
    if (outcome.action !== "reject") return;
    expect(outcome.reason).toBe("the text contains personal data or secrets (2 email, 1 card)");
    expect(outcome.findings.map((finding) => finding.kind)).toEqual(["pii.email", "pii.email", "pii.card"]);
    expect(JSON.stringify(outcome)).not.toContain("dana@");
    expect(guardrail.redactor.size).toBe(0);
  });

  it("uses the run's redactor when given one, and only the kinds asked for otherwise", async () => {
    const redactor = createPiiRedactor();
    redactor.redact("ops@example.com");
    const shared = piiGuardrail({ redactor });
    expect(await shared.check("dana@example.com", "output")).toMatchObject({ text: "[EMAIL_2]" });
    const emailsOnly = piiGuardrail({ kinds: ["email"] });
    expect(await emailsOnly.check("+44 20 7946 0958", "input")).toEqual({ action: "allow" });
  });

  it("validates its options", () => {
    expect(catchGantryError(() => piiGuardrail({ stages: [] })).code).toBe("GUARDRAIL_OPTIONS_INVALID");
    expect(catchGantryError(() => piiGuardrail({ stages: ["inputs" as never] })).details).toEqual({
      guardrail: "pii",
      field: "stages",
    });
    expect(catchGantryError(() => piiGuardrail({ action: "block" as never })).code).toBe(
      "GUARDRAIL_OPTIONS_INVALID",
    );
  });
});
