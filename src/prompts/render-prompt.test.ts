import { describe, expect, it } from "vitest";
import { GantryError } from "../core/index.js";
import { type ParsedPrompt, parsePromptFile } from "./parse-prompt-file.js";
import { type PromptIncludeReference, renderPrompt } from "./render-prompt.js";

function prompt(id: string, version: string, variables: string, template: string): ParsedPrompt {
  return parsePromptFile(
    `---\nid: ${id}\nversion: ${version}\nvariables:${variables}\n---\n${template}\n`,
    `${id}.prompt.md`,
  );
}

async function failure(run: () => Promise<unknown>): Promise<GantryError> {
  try {
    await run();
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

function resolverOf(prompts: ParsedPrompt[]) {
  return (reference: PromptIncludeReference): ParsedPrompt => {
    const found = prompts
      .filter((candidate) => candidate.frontMatter.id === reference.id)
      .filter(
        (candidate) => reference.version === undefined || candidate.frontMatter.version === reference.version,
      )
      .at(-1);
    if (!found) throw new Error(`no prompt ${reference.id}`);
    return found;
  };
}

const greet = prompt(
  "greet",
  "1.0.0",
  "\n  name: string\n  count: number\n  vip: { type: boolean, required: false }\n  data: { type: json, required: false }",
  "Hi {{ name }}, {{count}} left. vip={{vip}} data={{data}}",
);

describe("renderPrompt", () => {
  it("fills variables of every type, an absent optional one as empty", async () => {
    const rendered = await renderPrompt(greet, { name: "Ada", count: 3, data: { a: [1] } });
    expect(rendered.text).toBe('Hi Ada, 3 left. vip= data={"a":[1]}');
    expect(rendered.includes).toEqual([]);
  });

  it("does not expand placeholders that appear inside a value", async () => {
    const rendered = await renderPrompt(greet, { name: "{{count}}", count: 1 });
    expect(rendered.text).toContain("Hi {{count}}, 1 left");
  });

  it("fails on a missing required variable, naming it and the prompt", async () => {
    const error = await failure(() => renderPrompt(greet, { name: "Ada" }));
    expect(error.code).toBe("PROMPT_VARIABLE_MISSING");
    expect(error.message).toContain("greet@1.0.0");
    expect(error.message).toContain("count");
  });

  it("fails on a wrong type and on an unknown variable", async () => {
    const typed = await failure(() => renderPrompt(greet, { name: "Ada", count: "3" }));
    expect(typed.code).toBe("PROMPT_VARIABLE_TYPE");
    expect(typed.message).toContain("count (expected number, got string)");
    const unknown = await failure(() => renderPrompt(greet, { name: "Ada", count: 1, extra: true }));
    expect(unknown.code).toBe("PROMPT_VARIABLE_UNKNOWN");
    expect(unknown.message).toContain("extra");
  });

  it("fails on a placeholder the front matter does not declare", async () => {
    const bad = prompt("bad", "1.0.0", " {}", "Hello {{who}}");
    const error = await failure(() => renderPrompt(bad, {}));
    expect(error.code).toBe("PROMPT_VARIABLE_UNDECLARED");
    expect(error.message).toContain("{{who}}");
  });

  it("renders includes by exact version and by latest, passing the variables they declare", async () => {
    const footerOld = prompt("footer", "1.0.0", "\n  name: string", "old {{name}}");
    const footerNew = prompt("footer", "1.1.0", "\n  name: string", "Bye {{name}}");
    const main = prompt(
      "main",
      "2.0.0",
      "\n  name: string\n  topic: string",
      "About {{topic}}. {{> footer}} / {{> footer@1.0.0}}",
    );
    const rendered = await renderPrompt(
      main,
      { name: "Ada", topic: "refunds" },
      { resolveInclude: resolverOf([footerOld, footerNew]) },
    );
    expect(rendered.text).toBe("About refunds. Bye Ada / old Ada");
    expect(rendered.includes.map((include) => `${include.id}@${include.version}`)).toEqual([
      "footer@1.1.0",
      "footer@1.0.0",
    ]);
    expect(rendered.includes[0]?.hash).toBe(footerNew.hash);
  });

  it("fails on an include without a resolver", async () => {
    const main = prompt("main", "1.0.0", " {}", "{{> other}}");
    expect((await failure(() => renderPrompt(main, {}))).code).toBe("PROMPT_INCLUDE_UNRESOLVED");
  });

  it("detects a cycle and names the chain", async () => {
    const a = prompt("a", "1.0.0", " {}", "A {{> b}}");
    const b = prompt("b", "1.0.0", " {}", "B {{> c@1.0.0}}");
    const c = prompt("c", "1.0.0", " {}", "C {{> a}}");
    const error = await failure(() => renderPrompt(a, {}, { resolveInclude: resolverOf([a, b, c]) }));
    expect(error.code).toBe("PROMPT_INCLUDE_CYCLE");
    expect(error.message).toContain("a@1.0.0 > b@1.0.0 > c@1.0.0 > a@1.0.0");
  });

  it("stops includes deeper than the limit", async () => {
    const chain = Array.from({ length: 8 }, (_, index) =>
      prompt(`p${index}`, "1.0.0", " {}", index < 7 ? `${index} {{> p${index + 1}}}` : "end"),
    );
    const resolveInclude = resolverOf(chain);
    const first = chain[0] as ParsedPrompt;
    const tooDeep = await failure(() => renderPrompt(first, {}, { resolveInclude }));
    expect(tooDeep.code).toBe("PROMPT_INCLUDE_TOO_DEEP");
    const deepEnough = await renderPrompt(first, {}, { resolveInclude, maxIncludeDepth: 7 });
    expect(deepEnough.text).toBe("0 1 2 3 4 5 6 end");
    const five = chain.slice(2);
    const exactlyFive = await renderPrompt(five[0] as ParsedPrompt, {}, { resolveInclude: resolverOf(five) });
    expect(exactlyFive.text).toBe("2 3 4 5 6 end");
  });
});
