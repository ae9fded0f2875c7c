import { createRequire } from "node:module";
import { cruise, type IReporterOutput } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

// The layer rule is part of the test suite so an upward import fails `npm test`, not just a lint step.
const require = createRequire(import.meta.url);
const ruleSet = require("../../.dependency-cruiser.cjs");

async function violations(folder: string): Promise<string[]> {
  const result: IReporterOutput = await cruise([folder], {
    validate: true,
    ruleSet,
    ...ruleSet.options,
  });
  if (typeof result.output === "string") throw new Error(result.output);
  return result.output.summary.violations.map(
    (violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`,
  );
}

describe("layering", () => {
  it("src/ has no upward imports, no private cross-module imports and no cycles", async () => {
    expect(await violations("src")).toEqual([]);
  });

  it("catches an upward import and a private-file import (fixture)", async () => {
    const found = await violations("test/fixtures/layering/src");
    expect(found).toContain(
      "layer-core: test/fixtures/layering/src/core/index.ts -> test/fixtures/layering/src/server/index.ts",
    );
    expect(found).toContain(
      "module-entry-point: test/fixtures/layering/src/server/index.ts -> test/fixtures/layering/src/store/private-helper.ts",
    );
    expect(found).toHaveLength(2);
  });
});
