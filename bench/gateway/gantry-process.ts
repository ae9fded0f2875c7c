// Child process of gateway.bench.ts: Gantry's gateway as `gantry up` runs it (startServer, SQLite
// store, the workspace's model access), in a workspace whose `bench` tier is openai:gpt-4o-mini at
// the fake upstream. Prints `gateway <url>` once listening; exits when its parent closes stdin.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadWorkspace } from "../../src/core/index.js";
import { startServer } from "../../src/server/index.js";
import { openStore } from "../../src/store/index.js";

const upstreamBaseURL = process.argv[2];
if (!upstreamBaseURL) throw new Error("usage: gantry-process.ts <upstream base URL>");
const root = mkdtempSync(join(tmpdir(), "gantry-bench-"));
writeFileSync(
  join(root, "gantry.config.ts"),
  `export default { models: { tiers: { bench: ["openai:gpt-4o-mini"] } } };`,
);
const workspace = await loadWorkspace(root);
const store = await openStore({ root });
const server = await startServer({
  workspace,
  store,
  host: "127.0.0.1",
  port: 0,
  env: { OPENAI_API_KEY: "bench-key", OPENAI_BASE_URL: upstreamBaseURL },
});
console.log(`gateway ${server.url}`);
process.stdin.resume();
process.stdin.on("end", () => {
  void server
    .close()
    .then(() => store.close())
    .then(() => {
      rmSync(root, { recursive: true, force: true });
      process.exit(0);
    });
});
