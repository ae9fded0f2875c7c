import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseScenario } from "../../src/models/index.js";

const documents = ["../../src/models/sim/README.md", "../../docs/guides/sim-model.md"];

// Every YAML example in the sim's docs must be a valid scenario, so the docs cannot drift from the schema.
describe("documented scenario examples", () => {
  for (const document of documents) {
    it(`parses every YAML scenario in ${document.replace("../../", "")}`, async () => {
      const text = await readFile(fileURLToPath(new URL(document, import.meta.url)), "utf8");
      const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        expect(() => parseScenario(parseYaml(block), document)).not.toThrow();
      }
    });
  }
});
