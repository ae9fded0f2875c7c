import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { consumerContractFromJson, parseConsumersFile } from "./parse-consumers-file.js";

const file = "prompts/triage.consumers.yaml";

describe("parseConsumersFile", () => {
  it("reads each consumer with its origin line; a plain path is a required read", () => {
    const contracts = parseConsumersFile(
      [
        "# who reads triage",
        "consumers:",
        "  - name: router",
        "    description: routes tickets",
        "    reads:",
        "      - $.category",
        "      - { path: $.confidence, type: number }",
        "  - name: dashboard",
        "    reads:",
        "      - path: $.tags[*]",
        "        required: false",
        "        type: string",
        "        enum: [vip, new]",
        "        regex: ^[a-z]+$",
      ].join("\n"),
      file,
    );
    expect(contracts).toEqual([
      {
        consumer: "router",
        description: "routes tickets",
        origin: `${file}:3`,
        reads: [
          { path: "$.category", required: true },
          { path: "$.confidence", required: true, type: "number" },
        ],
      },
      {
        consumer: "dashboard",
        origin: `${file}:8`,
        reads: [
          { path: "$.tags[*]", required: false, type: "string", enum: ["vip", "new"], regex: "^[a-z]+$" },
        ],
      },
    ]);
  });

  it("names file:line, field and expectation: bad path, bad regex, unknown type, unknown key", () => {
    const error = catchGantryError(() =>
      parseConsumersFile(
        [
          "consumers:",
          "  - name: router",
          "    reads:",
          "      - category",
          "      - { path: $.x, regex: '[' }",
          "      - { path: $.y, type: text }",
          "      - { path: $.z, optional: true }",
        ].join("\n"),
        file,
      ),
    );
    expect(error.code).toBe("PROMPT_CONSUMERS_INVALID");
    expect(error.category).toBe("USER");
    const problems = error.details.problems as string[];
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe(
      `${file}:4  consumers.0.reads.0.path: a JSON path such as $.category (a JSON path starts with '$')`,
    );
    expect(problems[1]).toMatch(
      new RegExp(`^${file}:5  consumers\\.0\\.reads\\.1\\.regex: a JavaScript regular expression \\(.+\\)$`),
    );
    expect(problems[2]).toMatch(new RegExp(`^${file}:6  consumers\\.0\\.reads\\.2\\.type: Invalid option`));
    expect(problems[3]).toBe(`${file}:7  consumers.0.reads.3: Unrecognized key: "optional"`);
  });

  it("refuses a consumer without reads and a consumer named twice, in one go", () => {
    const error = catchGantryError(() =>
      parseConsumersFile(
        "consumers:\n  - name: router\n    reads: []\n  - name: router\n    reads: [$.a]\n",
        file,
      ),
    );
    expect(error.details.problems).toEqual([
      `${file}:3  consumers.0.reads: at least one field the consumer reads`,
      `${file}:4  consumers.1.name: a unique consumer name; 'router' has an earlier entry (merge its reads)`,
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const error = catchGantryError(() => parseConsumersFile("consumers:\n  - name: [router\n", file));
    expect(error.code).toBe("PROMPT_CONSUMERS_INVALID");
    expect(String((error.details.problems as string[])[0])).toMatch(new RegExp(`^${file}:\\d+  `));
  });
});

describe("consumerContractFromJson", () => {
  it("validates one contract given through the API with the file's schema", () => {
    expect(
      consumerContractFromJson(
        { name: "billing", reads: ["$.amount", { path: "$.currency", enum: ["EUR"] }] },
        "api",
      ),
    ).toEqual({
      consumer: "billing",
      origin: "api",
      reads: [
        { path: "$.amount", required: true },
        { path: "$.currency", required: true, enum: ["EUR"] },
      ],
    });
  });

  it("names the origin, field and expectation when the contract is wrong", () => {
    const error = catchGantryError(() =>
      consumerContractFromJson({ name: "", reads: [{ path: "$..a" }] }, "api"),
    );
    expect(error.code).toBe("PROMPT_CONSUMERS_INVALID");
    expect(error.details.problems).toEqual([
      "api  name: the consumer's name",
      "api  reads.0.path: a JSON path such as $.category (expected a field name after '.' at position 1 (use [\"name\"] for other characters))",
    ]);
  });
});
