import { describe, expect, it } from "vitest";
import { ApiError } from "../../web/src/api/api-error.js";
import { parseServerInfo } from "../../web/src/api/server-info.js";

const validInfo = {
  name: "gantry",
  version: "0.1.0",
  workspace: { name: "support-desk", root: "/srv/support-desk" },
  store: { kind: "sqlite", location: ".gantry/gantry.db", migrationsCurrent: true },
  models: [{ id: "sim:default", provider: "sim", default: true }],
  tiers: { small: ["sim:fast"] },
  auth: { required: false },
  uptimeSeconds: 12.5,
};

function parseFailure(value: unknown): ApiError {
  try {
    parseServerInfo(value);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected parseServerInfo to throw");
}

describe("parseServerInfo", () => {
  it("accepts the documented shape and tolerates extra fields", () => {
    const info = parseServerInfo({ ...validInfo, extra: "added by a newer server" });
    expect(info.workspace.name).toBe("support-desk");
    expect(info.store.kind).toBe("sqlite");
    expect(info.tiers.small).toEqual(["sim:fast"]);
  });

  it("names the fields that do not match", () => {
    const error = parseFailure({
      ...validInfo,
      store: { ...validInfo.store, kind: "mongo" },
      uptimeSeconds: "1",
    });
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("store.kind should be one of sqlite, postgres");
    expect(error.message).toContain("uptimeSeconds should be number");
  });

  it("names a missing section", () => {
    const { workspace: _workspace, ...withoutWorkspace } = validInfo;
    expect(parseFailure(withoutWorkspace).message).toContain("workspace should be object");
  });
});
