import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GantryError } from "../core/index.js";
import { redactUrl, resolveStoreTarget } from "./resolve-location.js";

describe("resolveStoreTarget", () => {
  const root = "/workspace/app";

  it("defaults to <root>/.gantry/gantry.db", () => {
    expect(resolveStoreTarget(undefined, root)).toEqual({
      kind: "sqlite",
      path: join(root, ".gantry", "gantry.db"),
      location: join(root, ".gantry", "gantry.db"),
    });
    expect(resolveStoreTarget("  ", root).kind).toBe("sqlite");
  });

  it("takes relative SQLite paths from the root and keeps absolute ones", () => {
    expect(resolveStoreTarget("data/store.db", root)).toMatchObject({ path: join(root, "data", "store.db") });
    expect(resolveStoreTarget("sqlite:data/store.db", root)).toMatchObject({
      path: join(root, "data", "store.db"),
    });
    expect(resolveStoreTarget("file:///tmp/x.db", root)).toMatchObject({ path: "/tmp/x.db" });
    expect(resolveStoreTarget("/var/lib/gantry.db", root)).toMatchObject({ path: "/var/lib/gantry.db" });
    expect(resolveStoreTarget(":memory:", root)).toMatchObject({ path: ":memory:" });
  });

  it("recognises postgres:// and postgresql:// and hides the password in the location", () => {
    const target = resolveStoreTarget("postgresql://gantry:s3cret@db.internal:5432/gantry", root);
    expect(target).toEqual({
      kind: "postgres",
      url: "postgresql://gantry:s3cret@db.internal:5432/gantry",
      location: "postgresql://gantry:***@db.internal:5432/gantry",
    });
    expect(resolveStoreTarget("postgres://localhost/test", root).location).toBe("postgres://localhost/test");
  });

  it("refuses other schemes with a message naming the setting to change", () => {
    try {
      resolveStoreTarget("mysql://root:pw@localhost/db", root);
      expect.unreachable();
    } catch (error) {
      expect(GantryError.isInstance(error) && error.code).toBe("STORE_URL_UNSUPPORTED");
      expect((error as Error).message).toContain("GANTRY_DATABASE_URL");
      expect((error as Error).message).not.toContain(":pw@");
    }
  });
});

describe("redactUrl", () => {
  it("replaces only the password", () => {
    expect(redactUrl("postgres://user:p%40ss@host/db?sslmode=require")).toBe(
      "postgres://user:***@host/db?sslmode=require",
    );
    expect(redactUrl("postgres://user@host/db")).toBe("postgres://user@host/db");
  });
});
