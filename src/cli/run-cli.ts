import { CommanderError } from "commander";
import pc from "picocolors";
import { GantryError } from "../core/index.js";
import { createProgram } from "./create-program.js";

/** Exit code for a thrown value: 2 for the user's mistakes, 1 for everything else. */
export function exitCodeFor(error: unknown): number {
  if (GantryError.isInstance(error)) return error.category === "USER" ? 2 : 1;
  return 1;
}

/** Renders an error for a terminal: message and hint; the stack and cause only with --debug. */
export function describeError(error: unknown, debug: boolean): string {
  if (!GantryError.isInstance(error)) {
    const text =
      error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
    return `${pc.red("error")} ${text}${debug ? "" : pc.dim("\n(run with --debug for details)")}`;
  }
  const lines = [`${pc.red("error")} ${error.message} ${pc.dim(`[${error.code}]`)}`];
  if (error.hint) lines.push(`${pc.cyan("hint")}  ${error.hint}`);
  if (debug) {
    lines.push(pc.dim(error.stack ?? ""));
    if (error.cause)
      lines.push(pc.dim(`cause: ${error.cause instanceof Error ? error.cause.stack : String(error.cause)}`));
  }
  return lines.join("\n");
}

/** Runs the CLI with `argv` and returns the exit code; never throws. */
export async function runCli(argv: string[]): Promise<number> {
  const program = createProgram();
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version "errors" are successes; commander has already printed the usage problem.
      return error.exitCode === 0 ? 0 : 2;
    }
    console.error(describeError(error, debug));
    return exitCodeFor(error);
  }
}
