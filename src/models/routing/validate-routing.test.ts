import { describe, expect, it } from "vitest";
import { GantryError, modelsSchema } from "../../core/index.js";
import { validateRouting } from "./validate-routing.js";

function problem(routing: Record<string, unknown>): GantryError | undefined {
  try {
    validateRouting(modelsSchema.parse({ tiers: { small: ["sim:fast"], large: ["sim:default"] }, routing }));
    return undefined;
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
}

describe("validateRouting", () => {
  it("accepts routing that names only defined tiers", () => {
    expect(
      problem({
        rules: [{ taskProfile: "triage", tier: "small" }],
        content: [{ regex: "^hi", tier: "large" }],
        cascade: [{ name: "c", from: "small", to: "large", validator: "json" }],
      }),
    ).toBeUndefined();
  });

  it("names the path of an unknown tier in a rule, a content rule or a cascade", () => {
    const rule = problem({
      rules: [
        { taskProfile: "a", tier: "small" },
        { taskProfile: "b", tier: "medium" },
      ],
    });
    expect(rule?.code).toBe("MODEL_ROUTE_TIER_UNKNOWN");
    expect(rule?.category).toBe("USER");
    expect(rule?.message).toContain("models.routing.rules[1].tier");
    expect(rule?.details).toMatchObject({
      path: "models.routing.rules[1].tier",
      tier: "medium",
      knownTiers: ["small", "large"],
    });
    expect(rule?.hint).toContain("small, large");
    expect(problem({ content: [{ contains: ["x"], tier: "tier:small" }] })?.details.path).toBe(
      "models.routing.content[0].tier",
    );
    expect(
      problem({ cascade: [{ name: "c", from: "small", to: "huge", validator: "json" }] })?.details.path,
    ).toBe("models.routing.cascade[0].to");
    expect(
      problem({ cascade: [{ name: "c", from: "tiny", to: "large", validator: "json" }] })?.details.path,
    ).toBe("models.routing.cascade[0].from");
  });

  it("refuses a regex that does not compile, and a repeated cascade name", () => {
    const regex = problem({ content: [{ regex: "(unclosed", tier: "small" }] });
    expect(regex?.code).toBe("MODEL_ROUTE_REGEX_INVALID");
    expect(regex?.details.path).toBe("models.routing.content[0].regex");
    const duplicate = problem({
      cascade: [
        { name: "c", from: "small", to: "large", validator: "json" },
        { name: "c", from: "large", to: "small", validator: "json" },
      ],
    });
    expect(duplicate?.code).toBe("MODEL_ROUTE_CASCADE_DUPLICATE");
    expect(duplicate?.details.path).toBe("models.routing.cascade[1].name");
  });
});
