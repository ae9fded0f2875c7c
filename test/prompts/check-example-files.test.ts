import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkContractsAgainstSchema,
  parseConsumersFile,
  parsePromptFile,
  parseReplayFile,
  renderPrompt,
} from "../../src/prompts/index.js";

// The replay sets and consumer contracts shipped in examples/ and the workspace template are what users
// copy: each must parse, sit next to its prompt, render every case, and read only fields the prompt's
// output schema declares.

const roots = ["../../examples/", "../../templates/"].map((path) => new URL(path, import.meta.url).pathname);

function filesEndingWith(directory: string, suffix: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesEndingWith(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

function promptNextTo(file: string, suffix: string) {
  const promptFile = file.replace(new RegExp(`${suffix.replace(".", "\\.")}$`), ".prompt.md");
  expect(existsSync(promptFile), `${basename(file)} has no ${basename(promptFile)} next to it`).toBe(true);
  return parsePromptFile(readFileSync(promptFile, "utf8"), promptFile);
}

const replayFiles = roots.flatMap((root) => filesEndingWith(root, ".replay.yaml"));
const consumerFiles = roots.flatMap((root) => filesEndingWith(root, ".consumers.yaml"));

describe("example replay sets and consumer contracts", () => {
  it("exist for the support-desk triage prompt", () => {
    expect(replayFiles.map((file) => basename(file))).toContain("triage.replay.yaml");
    expect(consumerFiles.map((file) => basename(file))).toContain("triage.consumers.yaml");
  });

  it.each(replayFiles)("%s parses and every case renders with its prompt", async (file) => {
    const set = parseReplayFile(readFileSync(file, "utf8"), file);
    const prompt = promptNextTo(file, ".replay.yaml");
    for (const replayCase of set.cases) {
      const rendered = await renderPrompt(prompt, replayCase.variables);
      expect(rendered.text).not.toMatch(/\{\{/);
    }
  });

  it.each(consumerFiles)("%s parses and reads only fields its prompt's output schema declares", (file) => {
    const contracts = parseConsumersFile(readFileSync(file, "utf8"), file);
    const prompt = promptNextTo(file, ".consumers.yaml");
    const failures = checkContractsAgainstSchema(contracts, prompt).flatMap((result) => result.failures);
    expect(failures.map((failure) => failure.message)).toEqual([]);
  });
});
