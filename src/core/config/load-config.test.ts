import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GantryError } from "../errors.js";
import { loadWorkspace, parseConfig } from "./load-config.js";

function workspaceWith(config: string): string {
  const root = mkdtempSync(join(tmpdir(), "gantry-config-"));
  writeFileSync(join(root, "gantry.config.ts"), config);
  return root;
}

describe("loadWorkspace", () => {
  it("applies defaults when a workspace has no config file", async () => {
    const root = mkdtempSync(join(tmpdir(), "gantry-empty-"));
    const workspace = await loadWorkspace(root);
    expect(workspace.configFile).toBeUndefined();
    expect(workspace.config.server).toMatchObject({ port: 4680, host: "127.0.0.1" });
    expect(workspace.config.models.default).toBe("sim:default");
  });

  it("loads a TypeScript config that imports defineConfig from gantry, with no build step", async () => {
    const root = workspaceWith(`import { defineConfig } from "gantry";
const port: number = 5001;
export default defineConfig({ name: "shop", server: { port }, models: { tiers: { small: ["sim:fast"] } } });
`);
    const workspace = await loadWorkspace(root);
    expect(workspace.config.name).toBe("shop");
    expect(workspace.config.server.port).toBe(5001);
    expect(workspace.config.models.tiers).toEqual({ small: ["sim:fast"] });
  });

  it("names the file, the line, the field path and what is expected for a wrong field", async () => {
    const root = workspaceWith(`export default {
  name: "shop",
  server: {
    port: "eighty",
  },
};
`);
    const error = await loadWorkspace(root).catch((thrown: unknown) => thrown);
    expect(GantryError.isInstance(error)).toBe(true);
    const gantryError = error as GantryError;
    expect(gantryError.code).toBe("CONFIG_INVALID");
    expect(gantryError.category).toBe("USER");
    expect(gantryError.message).toContain(`${join(root, "gantry.config.ts")}:4`);
    expect(gantryError.message).toContain('server.port: expected number, got the string "eighty"');
  });

  it("reports unknown fields instead of ignoring them", () => {
    expect(() => parseConfig({ modles: {} }, "gantry.config.ts")).toThrowError(/modles: unknown field/);
  });

  it("reports a config that fails to load as CONFIG_LOAD_FAILED", async () => {
    const root = workspaceWith("export default {{{ not typescript");
    await expect(loadWorkspace(root)).rejects.toMatchObject({ code: "CONFIG_LOAD_FAILED" });
  });
});
