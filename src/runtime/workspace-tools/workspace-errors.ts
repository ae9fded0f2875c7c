import { GantryError, type JsonValue } from "../../core/index.js";

// Every refusal of a workspace tool is a GantryError whose message carries the reason and the way
// forward in one text: the runtime hands the model only `code` and `message`, and the run result keeps
// the same pair in `state.toolCalls[].error`, so a reviewer reads exactly what the model was told.

export type WorkspaceErrorCode =
  | "WORKSPACE_OPTIONS_INVALID"
  | "WORKSPACE_PATH_INVALID"
  | "WORKSPACE_PATH_OUTSIDE_SCOPE"
  | "WORKSPACE_PROTECTED_PATH"
  | "WORKSPACE_APPROVAL_REQUIRED"
  | "WORKSPACE_TEST_WEAKENED"
  | "WORKSPACE_DIFF_TOO_LARGE"
  | "WORKSPACE_PATCH_FAILED"
  | "WORKSPACE_FILE_NOT_FOUND"
  | "WORKSPACE_COMMAND_NOT_ALLOWED"
  | "WORKSPACE_COMMAND_FAILED"
  | "WORKSPACE_LEDGER_FAILED";

const systemCodes = new Set<WorkspaceErrorCode>(["WORKSPACE_LEDGER_FAILED", "WORKSPACE_COMMAND_FAILED"]);

/** A workspace tool's refusal: `reason` says what was refused and why, `hint` what to do instead. */
export function workspaceError(
  code: WorkspaceErrorCode,
  reason: string,
  hint: string,
  details: Record<string, JsonValue> = {},
  cause?: unknown,
): GantryError {
  const category =
    code === "WORKSPACE_OPTIONS_INVALID" ? "USER" : systemCodes.has(code) ? "SYSTEM" : "MODEL_BEHAVIOR";
  return new GantryError({
    code,
    // The hint is repeated in the message because the model and the run result only see the message.
    message: `${reason} ${hint}`,
    domain: "TOOL",
    category,
    details: { reason, ...details },
    hint,
    ...(cause === undefined ? {} : { cause }),
  });
}
