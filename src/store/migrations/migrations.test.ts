import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrations } from "./index.js";

describe("migrations list", () => {
  it("numbers migrations 1, 2, 3… with unique kebab-case names", () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    const names = migrations.map((migration) => migration.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("has one NNN-name.ts file per migration, matching its version and name", () => {
    const files = readdirSync(import.meta.dirname).filter(
      (file) => /^\d{3}-.+\.ts$/.test(file) && !file.endsWith(".test.ts"),
    );
    expect(files.sort()).toEqual(
      migrations.map((migration) => `${String(migration.version).padStart(3, "0")}-${migration.name}.ts`),
    );
  });
});
