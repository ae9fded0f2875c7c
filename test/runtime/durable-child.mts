// A separate process for crash tests: `start <agent> <input>` or `resume <runId>` in the workspace
// given as the first argument. Prints `run <id>` as soon as the run exists, then its final result.
import { loadWorkspace } from "../../src/core/index.ts";
import { createModelAccess } from "../../src/models/index.ts";
import { createWorkspaceRuntime } from "../../src/runtime/index.ts";
import { openStore } from "../../src/store/index.ts";

const [root, mode, first, second] = process.argv.slice(2) as [string, string, string, string | undefined];
const workspace = await loadWorkspace(root);
const store = await openStore({ root });
const modelAccess = await createModelAccess({ workspace, env: {}, store });
const runtime = createWorkspaceRuntime({ workspace, store, modelAccess });
const handle =
  mode === "resume" ? await runtime.resume(first) : await runtime.start(first, { input: second ?? "" });
process.stdout.write(`run ${handle.runId}\n`);
const result = await handle.result;
process.stdout.write(`result ${JSON.stringify(result)}\n`);
await store.close();
