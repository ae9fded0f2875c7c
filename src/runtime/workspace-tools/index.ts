// Coding-agent controls: workspace tools scoped to a declared repository (docs/guides/coding-agents.md).

export type { WriteOutcome } from "./apply-write.js";
export {
  createWorkspaceTools,
  type FinalReportResult,
  type ReadResult,
  type ShellRunResult,
  type TestModificationResult,
  type WorkspaceTools,
} from "./create-workspace-tools.js";
export type { EditRecord } from "./edit-ledger.js";
export type { FinalReport, ReportCheck, ReportFlag, ReportFlagKind } from "./final-report-check.js";
export { compileGlob } from "./glob-match.js";
export type { SearchReplaceEdit } from "./search-replace.js";
export { findTestWeakening, type Weakening, type WeakeningKind } from "./test-weakening.js";
export type { WorkspaceErrorCode } from "./workspace-errors.js";
export {
  defaultDiffLimits,
  defaultProtectedPaths,
  defaultTestFiles,
  defaultTrustBoundaries,
  type WorkspaceSettings,
  type WorkspaceToolsOptions,
} from "./workspace-options.js";
