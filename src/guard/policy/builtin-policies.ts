import { actionGroups } from "./action-model.js";
import type { PolicyDraft } from "./compile-policies.js";

// The policies Gantry adds to every set. Tool calls have none: they are denied unless a policy permits
// them. Model calls are open: the model allowlist is opt-in per agent (a rules file's `models:` list, or
// a Cedar forbid), so a workspace without model rules can still call its models.

/** The id of the built-in permit for model calls. */
export const modelsOpenId = "gantry:models-open";

/** The built-in drafts. */
export function builtinDrafts(): PolicyDraft[] {
  return [
    {
      id: modelsOpenId,
      file: "gantry",
      line: 1,
      column: 1,
      origin: "builtin",
      description: "model calls are open unless a forbid restricts them",
      text: `@reason("model calls are allowed unless a policy forbids them")\npermit (principal, action in Action::"${actionGroups.model}", resource);`,
    },
  ];
}
