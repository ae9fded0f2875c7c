import { GantryError, type JsonValue } from "../../core/index.js";

// Every registry and client refusal is a PROMPT/USER GantryError with a hint saying what to do next.

/** Answers of the registry that mean "it does not have this", as opposed to "it failed". */
export const promptNotFoundCodes: readonly string[] = [
  "PROMPT_NOT_FOUND",
  "PROMPT_VERSION_NOT_FOUND",
  "PROMPT_LABEL_NOT_FOUND",
];

/** A PROMPT/USER error. */
export function promptRegistryError(
  code: string,
  message: string,
  hint: string,
  details: Record<string, JsonValue> = {},
): GantryError {
  return new GantryError({ code, message, domain: "PROMPT", category: "USER", details, hint });
}

/** True when `error` is the registry saying a prompt, version or label does not exist. */
export function isPromptNotFound(error: unknown): boolean {
  return GantryError.isInstance(error) && promptNotFoundCodes.includes(error.code);
}
