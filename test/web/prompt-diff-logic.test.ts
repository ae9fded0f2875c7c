import { describe, expect, it } from "vitest";
import type { PromptLabel, PromptVersion } from "../../web/src/api/prompts-api.js";
import { gatesOfEvent, type LabelEvent, promptDiffPath } from "../../web/src/api/prompts-api.js";
import { bumpTooSmall, declaredBump } from "../../web/src/prompts/declared-bump.js";
import {
  diffOptions,
  effectiveDiffSelection,
  parseDiffSelection,
} from "../../web/src/prompts/diff-selection.js";
import { diffCounts, sideBySideRows } from "../../web/src/prompts/side-by-side-diff.js";

// The prompt page's pure logic: laying a line diff out in two columns, the pair compared (URL and
// defaults), the bump a version string declares, and reading gate verdicts from the label history.

describe("sideBySideRows", () => {
  it("faces unchanged lines, pairs a removed run with the added run that replaced it, and pads the shorter side", () => {
    const rows = sideBySideRows([
      { op: "equal", text: "a", oldLine: 1, newLine: 1 },
      { op: "remove", text: "b", oldLine: 2 },
      { op: "remove", text: "c", oldLine: 3 },
      { op: "add", text: "B", newLine: 2 },
      { op: "equal", text: "d", oldLine: 4, newLine: 3 },
      { op: "add", text: "e", newLine: 4 },
    ]);
    const text = rows.map(
      (row) =>
        `${row.left?.lineNumber ?? "-"}:${row.left?.text ?? ""} | ${row.right?.lineNumber ?? "-"}:${row.right?.text ?? ""}`,
    );
    expect(text).toEqual(["1:a | 1:a", "2:b | 2:B", "3:c | -:", "4:d | 3:d", "-: | 4:e"]);
    expect(rows[1]).toEqual({
      left: { lineNumber: 2, text: "b", kind: "remove" },
      right: { lineNumber: 2, text: "B", kind: "add" },
    });
  });

  it("keeps additions that come before removals in one block, and counts both", () => {
    const lines = [
      { op: "add" as const, text: "new", newLine: 1 },
      { op: "remove" as const, text: "old", oldLine: 1 },
    ];
    expect(sideBySideRows(lines)).toEqual([
      {
        left: { lineNumber: 1, text: "old", kind: "remove" },
        right: { lineNumber: 1, text: "new", kind: "add" },
      },
    ]);
    expect(diffCounts(lines)).toEqual({ added: 1, removed: 1 });
    expect(sideBySideRows([])).toEqual([]);
  });
});

const version = (value: string): PromptVersion => ({
  id: "triage",
  version: value,
  hash: `h${value}`,
  source: "",
  frontMatter: {},
  template: "",
  message: null,
  author: null,
  createdAt: "2026-11-24T09:00:00.000Z",
});
const label = (name: string, value: string): PromptLabel => ({
  label: name,
  version: value,
  hash: `h${value}`,
  updatedAt: "2026-11-24T09:00:00.000Z",
  updatedBy: null,
});
const versions = ["1.2.0", "1.1.0", "1.0.0"].map(version);
const labels = [label("latest", "1.2.0"), label("production", "1.1.0")];

describe("the compared pair", () => {
  it("reads from and to from the URL, ignoring empty values", () => {
    expect(parseDiffSelection("?from=1.0.0&to=production")).toEqual({ from: "1.0.0", to: "production" });
    expect(parseDiffSelection("?from=&to=")).toEqual({});
    expect(parseDiffSelection("")).toEqual({});
  });

  it("defaults to the newest version against the one before; `from` follows a labelled `to`", () => {
    expect(effectiveDiffSelection({}, versions, labels)).toEqual({ from: "1.1.0", to: "1.2.0" });
    expect(effectiveDiffSelection({ to: "production" }, versions, labels)).toEqual({
      from: "1.0.0",
      to: "production",
    });
    expect(effectiveDiffSelection({ from: "1.0.0" }, versions, labels)).toEqual({
      from: "1.0.0",
      to: "1.2.0",
    });
    expect(effectiveDiffSelection({ to: "1.0.0" }, versions, labels)).toBeUndefined();
    expect(effectiveDiffSelection({}, [version("0.1.0")], [])).toBeUndefined();
    expect(effectiveDiffSelection({ to: "canary" }, versions, labels)).toBeUndefined();
  });

  it("offers the labels with their versions, then every version", () => {
    expect(diffOptions(labels, versions).map((option) => `${option.value}=${option.label}`)).toEqual([
      "latest=latest (1.2.0)",
      "production=production (1.1.0)",
      "1.2.0=1.2.0",
      "1.1.0=1.1.0",
      "1.0.0=1.0.0",
    ]);
    expect(promptDiffPath("my prompt", { from: "1.0.0" })).toBe(
      "/api/v1/prompts/my%20prompt/diff?from=1.0.0",
    );
  });
});

describe("declared bumps", () => {
  it("names the step between two versions, or a downgrade", () => {
    expect(declaredBump("1.0.1", "1.1.0")).toBe("minor");
    expect(declaredBump("1.9.9", "2.0.0")).toBe("major");
    expect(declaredBump("1.0.0", "1.0.1")).toBe("patch");
    expect(declaredBump("1.0.0", "1.0.0")).toBe("none");
    expect(declaredBump("1.1.0", "1.0.9")).toBe("downgrade");
    expect(declaredBump("production", "1.0.0")).toBeUndefined();
  });

  it("is too small when it is below what the change needs", () => {
    expect(bumpTooSmall("patch", "minor")).toBe(true);
    expect(bumpTooSmall("minor", "minor")).toBe(false);
    expect(bumpTooSmall("major", "patch")).toBe(false);
    expect(bumpTooSmall("downgrade", "patch")).toBe(true);
    expect(bumpTooSmall("downgrade", "none")).toBe(false);
    expect(bumpTooSmall(undefined, "major")).toBe(false);
  });
});

describe("gate verdicts in the label history", () => {
  const event = (details: unknown): LabelEvent => ({
    sequence: 1,
    label: "production",
    fromVersion: null,
    toVersion: "1.0.0",
    toHash: "h",
    kind: "label",
    actor: "release-bot",
    details,
    at: "2026-11-24T09:00:00.000Z",
  });

  it("reads the gates a move kept, and none from a push or odd details", () => {
    expect(
      gatesOfEvent(event({ gates: [{ gate: "prompts-check", passed: true, summary: "ok", durationMs: 3 }] })),
    ).toEqual([{ gate: "prompts-check", passed: true, summary: "ok" }]);
    expect(gatesOfEvent(event({ reason: "push" }))).toEqual([]);
    expect(gatesOfEvent(event(null))).toEqual([]);
  });
});
