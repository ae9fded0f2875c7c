import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { parseReplayFile } from "./parse-replay-file.js";

describe("parseReplayFile", () => {
  it("reads the model and the cases, variables defaulting to none", () => {
    const set = parseReplayFile(
      [
        "model: tier:small",
        "cases:",
        "  - id: charged-twice",
        "    variables: { shop: Acme, order: { id: 7 } }",
        "    input: I was charged twice",
        "  - { id: bare }",
      ].join("\n"),
      "prompts/triage.replay.yaml",
    );
    expect(set).toEqual({
      model: "tier:small",
      cases: [
        { id: "charged-twice", variables: { shop: "Acme", order: { id: 7 } }, input: "I was charged twice" },
        { id: "bare", variables: {} },
      ],
    });
  });

  it("names file:line, field and expectation for each mistake", () => {
    const error = catchGantryError(() =>
      parseReplayFile(
        [
          "cases:",
          "  - id: a",
          "    variables: { shop: Acme }",
          "  - id: b",
          "    input: 42",
          "  - id: c",
          "    extra: true",
        ].join("\n"),
        "prompts/triage.replay.yaml",
      ),
    );
    expect(error.code).toBe("PROMPT_REPLAY_INVALID");
    expect(error.category).toBe("USER");
    expect(error.details.problems).toEqual([
      "prompts/triage.replay.yaml:5  cases.1.input: Invalid input: expected string, received number",
      'prompts/triage.replay.yaml:6  cases.2: Unrecognized key: "extra"',
    ]);
    expect(error.message).toContain("Invalid replay set prompts/triage.replay.yaml:");
  });

  it("refuses two cases with the same id, naming the second", () => {
    const error = catchGantryError(() =>
      parseReplayFile("cases:\n  - id: a\n  - id: b\n  - id: a\n", "prompts/triage.replay.yaml"),
    );
    expect(error.details.problems).toEqual([
      "prompts/triage.replay.yaml:4  cases.2.id: a unique case id; 'a' is used by an earlier case",
    ]);
  });

  it("asks for cases in an empty file and reports YAML syntax errors with their line", () => {
    const empty = catchGantryError(() => parseReplayFile("", "r.yaml"));
    expect(empty.details.problems).toEqual([
      "r.yaml  cases: Invalid input: expected array, received undefined",
    ]);
    const none = catchGantryError(() => parseReplayFile("cases: []\n", "r.yaml"));
    expect(none.details.problems).toEqual(["r.yaml:1  cases: at least one case"]);
    const syntax = catchGantryError(() => parseReplayFile("cases:\n  - id: a\n   bad: [\n", "r.yaml"));
    expect(syntax.code).toBe("PROMPT_REPLAY_INVALID");
    expect(String(syntax.details.problems)).toMatch(/^r\.yaml:\d+ {2}/);
  });
});
