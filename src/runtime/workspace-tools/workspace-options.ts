import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { type Clock, systemClock } from "../../core/index.js";
import type { Approvals } from "../../guard/index.js";
import { workspaceError } from "./workspace-errors.js";
import { realRoot } from "./workspace-paths.js";

// What a workspace declares for a coding agent, with the defaults that make an undeclared setting
// safe: nothing is writable unless listed, tests and CI config are protected, the usual sensitive
// areas are trust boundaries, and no command runs unless allowlisted.

/** Tests, fixtures, snapshots, test-runner and CI config: read-only unless a test modification is logged. */
export const defaultProtectedPaths: readonly string[] = [
  "**/*.test.*",
  "**/*.spec.*",
  "test/**",
  "tests/**",
  "**/__tests__/**",
  "**/__snapshots__/**",
  "**/*.snap",
  "**/fixtures/**",
  "**/vitest.config.*",
  "**/vitest.workspace.*",
  "**/jest.config.*",
  "**/playwright.config.*",
  "**/.mocharc*",
  ".github/**",
  ".ci/**",
  ".circleci/**",
  ".gitlab-ci.yml",
  ".buildkite/**",
  "azure-pipelines.yml",
  "Jenkinsfile",
];

/** Files whose every edit is checked for deleted, skipped or weakened tests. */
export const defaultTestFiles: readonly string[] = [
  "**/*.test.*",
  "**/*.spec.*",
  "test/**",
  "tests/**",
  "**/__tests__/**",
];

/** Auth, payments, migrations and infrastructure: writes there need a person's approval. */
export const defaultTrustBoundaries: readonly string[] = [
  "**/auth/**",
  "**/authn/**",
  "**/authz/**",
  "**/payments/**",
  "**/billing/**",
  "**/migrations/**",
  "infra/**",
  "terraform/**",
  "**/*.tf",
  "**/*.tfvars",
  "Dockerfile",
  "*.dockerfile",
  "docker-compose*.yml",
  "k8s/**",
  "helm/**",
  ".env*",
];

/** Paths no workspace tool ever touches: Gantry's own records (the edit ledger) and git's internals (hooks run code). */
export const reservedPaths: readonly string[] = [".gantry", ".gantry/**", ".git", ".git/**"];

export const defaultDiffLimits = { warnLines: 300, blockLines: 1_000 } as const;

const globs = z.array(z.string().min(1));

const optionsSchema = z.object({
  root: z.string().min(1),
  scopes: z.object({ read: globs.default(["**"]), write: globs }),
  diffLimits: z
    .object({
      warnLines: z.number().int().positive().default(defaultDiffLimits.warnLines),
      blockLines: z.number().int().positive().default(defaultDiffLimits.blockLines),
    })
    .refine((limits) => limits.warnLines <= limits.blockLines, "warnLines must not be above blockLines")
    .default({ ...defaultDiffLimits }),
  protectedPaths: globs.default([...defaultProtectedPaths]),
  testFiles: globs.default([...defaultTestFiles]),
  trustBoundaries: globs.default([...defaultTrustBoundaries]),
  shell: z
    .object({
      allow: z.array(z.string().trim().min(1)).default([]),
      timeoutMs: z.number().int().positive().default(120_000),
      maxOutputBytes: z.number().int().min(1_024).default(16_384),
      env: z.record(z.string(), z.string()).default({}),
    })
    .default({ allow: [], timeoutMs: 120_000, maxOutputBytes: 16_384, env: {} }),
  maxReadBytes: z.number().int().positive().default(256_000),
  ledgerDir: z.string().min(1).optional(),
});

export type WorkspaceToolsInput = z.input<typeof optionsSchema>;

export interface WorkspaceToolsOptions extends WorkspaceToolsInput {
  /**
   * Where approvals are checked: a write to a trust boundary (or a test edit that weakens tests) goes
   * ahead only when the approval for this exact call is granted and its signature verifies.
   */
  approvals?: Pick<Approvals, "check">;
  clock?: Clock;
}

export interface WorkspaceSettings extends z.output<typeof optionsSchema> {
  rootReal: string;
  ledgerDir: string;
  approvals: Pick<Approvals, "check"> | undefined;
  clock: Clock;
}

/** Validates the options and fills in the defaults; WORKSPACE_OPTIONS_INVALID names the field. */
export function resolveWorkspaceSettings(options: WorkspaceToolsOptions): WorkspaceSettings {
  const { approvals, clock, ...rest } = options;
  const parsed = optionsSchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "(options)";
    throw workspaceError(
      "WORKSPACE_OPTIONS_INVALID",
      `createWorkspaceTools: ${field}: ${issue.message}.`,
      "Fix the option (see docs/guides/coding-agents.md).",
      { field },
    );
  }
  const settings = parsed.data;
  if (!existsSync(settings.root) || !statSync(settings.root).isDirectory()) {
    throw workspaceError(
      "WORKSPACE_OPTIONS_INVALID",
      `createWorkspaceTools: root ${settings.root} is not a directory.`,
      "Point root at the repository the agent may edit.",
      { field: "root" },
    );
  }
  for (const entry of settings.shell.allow) {
    if (/[;&|`$<>\n]/.test(entry)) {
      throw workspaceError(
        "WORKSPACE_OPTIONS_INVALID",
        `createWorkspaceTools: shell.allow entry ${JSON.stringify(entry)} has shell syntax; commands run without a shell.`,
        'List a command name, optionally with its leading arguments: "npm", "npx vitest", "git status".',
        { field: "shell.allow" },
      );
    }
  }
  const rootReal = realRoot(settings.root);
  return {
    ...settings,
    rootReal,
    ledgerDir: settings.ledgerDir
      ? resolve(settings.ledgerDir)
      : join(rootReal, ".gantry", "workspace-edits"),
    approvals,
    clock: clock ?? systemClock,
  };
}
