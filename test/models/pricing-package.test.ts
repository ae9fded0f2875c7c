import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../support/built-package.js";

// The bundled price file is data next to a module: it must reach dist/ (tsc copies an imported
// JSON module) and the published package, and load there without vitest's help. The test setup
// (test/support/global-setup.ts) builds dist/ before any test file runs.

const builtPrices = join(repositoryRoot, "dist", "models", "pricing", "prices.json");

describe("bundled prices in the build and the package", () => {
  it("are copied to dist/ unchanged", () => {
    const source = JSON.parse(readFileSync(join(repositoryRoot, "src/models/pricing/prices.json"), "utf8"));
    expect(JSON.parse(readFileSync(builtPrices, "utf8"))).toEqual(source);
  });

  it("load from the compiled module in plain Node, without warnings", () => {
    const script = `
      import { loadPriceCatalog } from ${JSON.stringify(join(repositoryRoot, "dist/models/pricing/index.js"))};
      const catalog = loadPriceCatalog({ workspaceRoot: process.cwd() });
      console.log(JSON.stringify([catalog.snapshotVersion, catalog.lookup("openai:gpt-4o")?.entry.input_cost_per_token]));
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(["2026-11-01", 2.5e-6]);
  });

  it("are in the files npm would publish", () => {
    const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: repositoryRoot,
      encoding: "utf8",
    });
    expect(pack.status).toBe(0);
    const [manifest] = JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>;
    expect(manifest?.files.map((file) => file.path)).toContain("dist/models/pricing/prices.json");
  });
});
