// `npm start`: builds when needed, then serves the example workspace on http://127.0.0.1:4680/.
import { ensureBuilt } from "./ensure-built.mjs";

ensureBuilt();
// In-process, not a child: Ctrl-C then reaches exactly one Gantry process, which shuts down gracefully.
const { runCli } = await import("../dist/cli/index.js");
// --demo-traffic: a first start shows traces of the example's (simulated, free) model calls.
const args = ["up", "--workspace", "examples/support-desk", "--demo-traffic", ...process.argv.slice(2)];
process.exitCode = await runCli([process.argv[0], "gantry", ...args]);
