import semver from "semver";
import type { JsonValue } from "../../core/index.js";
import type { StoredPromptVersion } from "../../store/index.js";
import { checkDeclaredBump } from "../check-declared-bump.js";
import { type ParsedPrompt, parsePromptFile } from "../parse-prompt-file.js";
import type { PushResult } from "../registry-spec.js";
import { promptRegistryError } from "./prompt-registry-error.js";
import { latestLabel, type RegistryContext } from "./registry-context.js";
import { toParsedPrompt, toVersionInfo } from "./to-version-info.js";

// A push stores a prompt file as an immutable version. A version string names one content forever:
// pushing it again with other content is refused, because every span, label and drift finding that
// says "1.0.0" must mean the same text. A new version must also declare a bump at least as large as
// its changes need over the version below it (unless forced).

export interface PushOptions {
  message?: string;
  author?: string;
  force?: boolean;
}

function conflict(parsed: ParsedPrompt, stored: StoredPromptVersion, file: string) {
  const { id, version } = parsed.frontMatter;
  return promptRegistryError(
    "PROMPT_VERSION_CONFLICT",
    `version ${version} of ${id} was pushed with other content; bump the version (${file})`,
    `Versions are immutable: give ${file} a new version (at least the bump its changes need) and push again.`,
    { prompt: id, version, file, storedHash: stored.hash, pushedHash: parsed.hash },
  );
}

// The highest version strictly below `version`: what the new one must declare its bump against.
function previousVersion(versions: StoredPromptVersion[], version: string): StoredPromptVersion | undefined {
  return versions
    .filter((stored) => semver.lt(stored.version, version))
    .sort((a, b) => semver.rcompare(a.version, b.version))[0];
}

function highest(versions: StoredPromptVersion[]): StoredPromptVersion | undefined {
  return [...versions].sort((a, b) => semver.rcompare(a.version, b.version))[0];
}

/**
 * Points `latest` at the highest version. Two pushes racing may each see only part of the versions;
 * re-reading after the move and moving again until the label agrees leaves `latest` on the highest
 * version once every push is done, because the last mover re-reads after everyone's insert.
 */
async function moveLatest(context: RegistryContext, id: string, author: string | null): Promise<void> {
  const { prompts } = context.store;
  for (let attempt = 0; attempt < 5; attempt++) {
    const top = highest(await prompts.listVersions(id, context.projectId));
    if (!top) return;
    const current = await prompts.getLabel(id, latestLabel, context.projectId);
    if (current && !semver.lt(current.version, top.version)) return;
    await prompts.moveLabel({
      projectId: context.projectId,
      promptId: id,
      label: latestLabel,
      version: top.version,
      kind: "label",
      actor: author,
      details: { reason: "push" },
    });
  }
}

/** Parses `source` and stores it as a new version; see `PromptRegistry.push`. */
export async function pushPromptVersion(
  context: RegistryContext,
  source: string,
  file: string,
  options: PushOptions = {},
): Promise<PushResult> {
  const parsed = parsePromptFile(source, file);
  const { id, version } = parsed.frontMatter;
  const { prompts } = context.store;
  const author = options.author ?? null;
  const versions = await prompts.listVersions(id, context.projectId);
  const same = versions.find((stored) => semver.eq(stored.version, version));
  if (same) {
    if (same.hash !== parsed.hash) throw conflict(parsed, same, file);
    await moveLatest(context, id, author);
    return { outcome: "unchanged", version: toVersionInfo(same) };
  }
  const previous = previousVersion(versions, version);
  if (previous && !options.force) {
    const check = checkDeclaredBump(toParsedPrompt(toVersionInfo(previous)), parsed);
    if (!check.ok) {
      throw promptRegistryError(
        "PROMPT_BUMP_TOO_SMALL",
        `${file}: ${check.message ?? `${id} ${version} declares too small a bump over ${previous.version}`}`,
        `Give ${file} a version with at least a ${check.required} bump over ${previous.version}, or push with --force (force: true) if the change is known to be safe.`,
        {
          prompt: id,
          file,
          version,
          previousVersion: previous.version,
          declared: check.declared,
          required: check.required,
          reasons: check.classification.reasons.map((reason) => ({ ...reason })),
        },
      );
    }
  }
  const created = await prompts.createVersion({
    projectId: context.projectId,
    promptId: id,
    version,
    hash: parsed.hash,
    source,
    frontMatter: parsed.frontMatter as unknown as JsonValue,
    message: options.message ?? null,
    author,
  });
  // A concurrent push of the same version got there first: the same rules as above apply to it.
  if (created.outcome === "conflict") throw conflict(parsed, created.version, file);
  await moveLatest(context, id, author);
  return {
    outcome: created.outcome === "created" ? "created" : "unchanged",
    version: toVersionInfo(created.version),
  };
}
