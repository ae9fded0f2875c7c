import { GantryError } from "../../core/index.js";

// The errors of loading policies. A policy mistake stops start-up and names the file, line and column,
// because Gantry never runs with policies it could not read (issue 6, acceptance 5).

/** One thing wrong in a policy file, located. */
export interface PolicyProblem {
  /** The file relative to the workspace root (`policies/default.cedar`). */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

function located(problem: PolicyProblem): string {
  const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
    .filter((part) => part !== undefined)
    .join(":");
  return `${where}: ${problem.message}`;
}

/** `POLICY_INVALID`: a syntax, validation or rules error, each problem with file:line:column. */
export function policyInvalid(problems: readonly PolicyProblem[]): GantryError {
  const first = problems[0] ?? { file: "policies", message: "invalid policies" };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return new GantryError({
    code: "POLICY_INVALID",
    message: `Invalid policy at ${located(first)}${more}${problems.length > 1 ? `\n${problems.map((problem) => `  ${located(problem)}`).join("\n")}` : ""}`,
    domain: "POLICY",
    category: "USER",
    details: {
      file: first.file,
      ...(first.line === undefined ? {} : { line: first.line }),
      ...(first.column === undefined ? {} : { column: first.column }),
      problems: problems.map((problem) => ({
        file: problem.file,
        ...(problem.line === undefined ? {} : { line: problem.line }),
        ...(problem.column === undefined ? {} : { column: problem.column }),
        message: problem.message,
      })),
    },
    hint: "Fix the policy at the place named; Gantry does not start with policies it cannot load. docs/guides/policies.md describes the entity model, the actions, the context and the rules format.",
  });
}

/** `POLICY_ENGINE_FAILED`: the Cedar engine refused a policy set it had already validated (a Gantry bug). */
export function policyEngineFailed(message: string, cause?: unknown): GantryError {
  return new GantryError({
    code: "POLICY_ENGINE_FAILED",
    message: `The Cedar engine failed: ${message}`,
    domain: "POLICY",
    category: "SYSTEM",
    details: {},
    cause,
    hint: "Report this with the policies folder attached; start-up cannot continue without the policy engine.",
  });
}
