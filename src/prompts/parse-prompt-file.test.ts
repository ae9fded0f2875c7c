import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GantryError, sha256Hex } from "../core/index.js";
import { parsePromptFile } from "./parse-prompt-file.js";

const triagePath = new URL("../../examples/support-desk/prompts/triage.prompt.md", import.meta.url);

function failure(run: () => unknown): GantryError {
  try {
    run();
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("parsePromptFile", () => {
  it("parses the support-desk triage prompt", () => {
    const source = readFileSync(triagePath, "utf8");
    const prompt = parsePromptFile(source, "prompts/triage.prompt.md");
    expect(prompt.frontMatter.id).toBe("triage");
    expect(prompt.frontMatter.version).toBe("1.0.0");
    expect(prompt.frontMatter.variables.shop).toEqual({
      type: "string",
      required: true,
      description: "The shop's name, as customers know it",
    });
    expect(prompt.frontMatter.output?.required).toEqual(["category", "confidence"]);
    expect(prompt.frontMatter.consumers).toEqual(["router"]);
    expect(prompt.frontMatter.model).toEqual({ tier: "small" });
    expect(prompt.template.startsWith("You are the triage desk")).toBe(true);
    expect(prompt.template).toContain("{{shop}}");
    expect(prompt.hash).toBe(sha256Hex(source));
  });

  it("accepts a variable given only by its type name", () => {
    const prompt = parsePromptFile(
      "---\nid: a\nversion: 0.1.0\nvariables:\n  n: number\n---\n{{n}}\n",
      "a.prompt.md",
    );
    expect(prompt.frontMatter.variables.n).toEqual({ type: "number", required: true });
  });

  it("names file:line, field path and expectation for a bad field", () => {
    const source = [
      "---",
      "id: triage",
      "version: 1.0.0",
      "variables:",
      "  ticket: { type: text }",
      "---",
      "{{ticket}}",
    ].join("\n");
    const error = failure(() => parsePromptFile(source, "prompts/triage.prompt.md"));
    expect(error.code).toBe("PROMPT_INVALID");
    expect(error.domain).toBe("PROMPT");
    expect(error.category).toBe("USER");
    expect(error.message).toContain("prompts/triage.prompt.md:5");
    expect(error.message).toContain("variables.ticket.type");
    expect(error.message).toMatch(/expected one of .*string.*number.*boolean.*json/);
  });

  it("rejects a version that is not semver and a non-kebab id, each on its own line", () => {
    const source = "---\nid: Triage_Desk\nversion: v1\n---\nhello\n";
    const error = failure(() => parsePromptFile(source, "p.prompt.md"));
    expect(error.message).toContain("p.prompt.md:2  id: a kebab-case id");
    expect(error.message).toContain("p.prompt.md:3  version: a semver version");
  });

  it("says what a variable name must look like", () => {
    const source = "---\nid: a\nversion: 1.0.0\nvariables:\n  bad-name: string\n---\nx\n";
    const error = failure(() => parsePromptFile(source, "p.prompt.md"));
    expect(error.message).toContain(
      "p.prompt.md:5  variables.bad-name: invalid name, expected a name of letters",
    );
  });

  it("names a missing required field", () => {
    const error = failure(() => parsePromptFile("---\nid: a\n---\nhello\n", "p.prompt.md"));
    expect(error.message).toMatch(/version: .*expected string/);
  });

  it("rejects an unknown field", () => {
    const error = failure(() =>
      parsePromptFile("---\nid: a\nversion: 1.0.0\nincludes: [b]\n---\nhi\n", "p.prompt.md"),
    );
    expect(error.message).toContain("includes");
  });

  it("explains a missing opening delimiter, an unclosed front matter and an empty body", () => {
    expect(failure(() => parsePromptFile("id: a\n", "p.prompt.md")).message).toContain(
      "must start with a '---'",
    );
    expect(failure(() => parsePromptFile("---\nid: a\n", "p.prompt.md")).message).toContain("never closed");
    expect(
      failure(() => parsePromptFile("---\nid: a\nversion: 1.0.0\n---\n\n  \n", "p.prompt.md")).message,
    ).toContain("p.prompt.md:5  the prompt has no template");
  });

  it("reports YAML syntax errors with the file line", () => {
    const error = failure(() => parsePromptFile("---\nid: a\nversion: [1\n---\nhi\n", "p.prompt.md"));
    expect(error.code).toBe("PROMPT_INVALID");
    expect(error.message).toMatch(/p\.prompt\.md:\d+/);
  });
});
