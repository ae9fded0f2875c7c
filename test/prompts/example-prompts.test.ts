import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ParsedPrompt, parsePromptFile, renderPrompt } from "../../src/prompts/index.js";

// Every prompt file shipped in examples/ must parse, be named after its id and render with values of
// its declared types: the examples are what users copy.

const examplesRoot = new URL("../../examples/", import.meta.url).pathname;

function promptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : promptFiles(path);
    return entry.name.endsWith(".prompt.md") ? [path] : [];
  });
}

const sampleValues = { string: "sample", number: 1, boolean: true, json: { sample: true } } as const;

function samplesFor(prompt: ParsedPrompt): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(prompt.frontMatter.variables).map(([name, variable]) => [
      name,
      sampleValues[variable.type],
    ]),
  );
}

const files = promptFiles(examplesRoot);

describe("example prompt files", () => {
  it("exist", () => {
    expect(files.map((file) => basename(file))).toContain("triage.prompt.md");
  });

  it.each(files)("%s parses, is named after its id and renders", async (file) => {
    const prompt = parsePromptFile(readFileSync(file, "utf8"), file);
    expect(basename(file)).toBe(`${prompt.frontMatter.id}.prompt.md`);
    const byId = new Map(files.map((other) => [basename(other, ".prompt.md"), other]));
    const rendered = await renderPrompt(prompt, samplesFor(prompt), {
      resolveInclude: ({ id }) => {
        const path = byId.get(id);
        if (!path) throw new Error(`${file} includes ${id}, which no example defines`);
        return parsePromptFile(readFileSync(path, "utf8"), path);
      },
    });
    expect(rendered.text).not.toMatch(/\{\{/);
  });
});
