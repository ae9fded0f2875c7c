import { Command } from "commander";
import { packageVersion } from "../core/index.js";
import { registerApprovalsCommand } from "./commands/approvals-command.js";
import { registerAuditCommand } from "./commands/audit-command.js";
import { registerDbCommand } from "./commands/db-command.js";
import { registerDoctorCommand } from "./commands/doctor-command.js";
import { registerEvalCommand } from "./commands/eval-command.js";
import { registerInitCommand } from "./commands/init-command.js";
import { registerKeysCommand } from "./commands/keys-command.js";
import { registerManifestCommand } from "./commands/manifest-command.js";
import { registerModelsCommand } from "./commands/models-command.js";
import { registerPromptsCommand } from "./commands/prompts-command.js";
import { registerRunCommand } from "./commands/run-command.js";
import { registerRunsCommand } from "./commands/runs-command.js";
import { registerSpecCommand } from "./commands/spec-command.js";
import { registerTracesCommand } from "./commands/traces-command.js";
import { registerUpCommand } from "./commands/up-command.js";

/** The `gantry` command tree. Each command registers itself from its own file. */
export function createProgram(): Command {
  const program = new Command("gantry")
    .description("Gantry: model access, runtime, prompts, evals, observability and guardrails for agents")
    .version(packageVersion(), "-v, --version")
    .option("-w, --workspace <dir>", "workspace folder (default: $GANTRY_WORKSPACE or the current folder)")
    .option("--debug", "print stack traces and causes of errors")
    .showHelpAfterError("(run with --help for usage)")
    // Set before the subcommands exist so they inherit it: a bad option value then exits 2, not 1.
    .exitOverride()
    .addHelpText(
      "after",
      `
Environment:
  GANTRY_DATABASE_URL   postgres://… to use Postgres instead of .gantry/gantry.db
  GANTRY_WORKSPACE      default workspace folder
  OPENAI_API_KEY, ANTHROPIC_API_KEY, OLLAMA_BASE_URL   real providers (else the sim model)

Exit codes: 0 ok, 1 internal or environment failure, 2 a mistake in the input (config, flags, files).
Docs: docs/README.md`,
    );
  registerInitCommand(program);
  registerUpCommand(program);
  registerDbCommand(program);
  registerKeysCommand(program);
  registerModelsCommand(program);
  registerRunCommand(program);
  registerRunsCommand(program);
  registerSpecCommand(program);
  registerTracesCommand(program);
  registerApprovalsCommand(program);
  registerAuditCommand(program);
  registerPromptsCommand(program);
  registerManifestCommand(program);
  registerEvalCommand(program);
  registerDoctorCommand(program);
  return program;
}
