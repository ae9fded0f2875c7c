// promptfoo-compatible inline JavaScript: a one-line expression (`output.includes("refund")`), a
// one-line statement list ending in an expression (`const n = output.length; n < 200`), or a
// multi-line function body with its own `return`. It runs as an async function of `output`,
// `expected`, `input` and `context`, so `await` works. It is the workspace's own code, run with the
// CLI's rights, exactly like a custom scorer module: not a sandbox.

export type JavascriptCheck = (
  output: unknown,
  expected: unknown,
  input: unknown,
  context: unknown,
) => Promise<unknown>;

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...parameters: string[]
) => JavascriptCheck;
const parameters = ["output", "expected", "input", "context"];

function compile(body: string): JavascriptCheck {
  return new AsyncFunction(...parameters, body);
}

// One line: the expression itself, else the statements up to a `;` followed by `return <rest>` (tried
// from the last `;` back, so a `;` inside a string literal is skipped when it does not compile).
function oneLine(code: string): JavascriptCheck {
  const trimmed = code.trim().replace(/;+\s*$/, "");
  try {
    return compile(`return (${trimmed}\n);`);
  } catch (expressionError) {
    for (let at = trimmed.lastIndexOf(";"); at > 0; at = trimmed.lastIndexOf(";", at - 1)) {
      const rest = trimmed.slice(at + 1).trim();
      if (rest === "") continue;
      try {
        return compile(`${trimmed.slice(0, at + 1)}\nreturn (${rest}\n);`);
      } catch {}
    }
    if (/\breturn\b/.test(trimmed)) return compile(trimmed);
    throw expressionError;
  }
}

/** Compiles inline scorer code once; throws the SyntaxError when it does not parse. */
export function compileJavascript(code: string): JavascriptCheck {
  return code.trim().includes("\n") ? compile(code) : oneLine(code);
}

/** Why inline scorer code does not compile, or undefined when it does. */
export function javascriptProblem(code: string): string | undefined {
  try {
    compileJavascript(code);
    return undefined;
  } catch (error) {
    return `does not compile: ${error instanceof Error ? error.message : String(error)}`;
  }
}
