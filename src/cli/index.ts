export { scaffoldWorkspace } from "./commands/init-command.js";
export { createProgram } from "./create-program.js";
export { describeError, exitCodeFor, runCli } from "./run-cli.js";
