#!/usr/bin/env node
// The `gantry` command. Runs the built CLI from dist/; `npm run build` (or `npm start`) makes it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/cli/index.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    `gantry is not built yet: run \`npm run build\` in ${fileURLToPath(new URL("..", import.meta.url))}`,
  );
  process.exit(1);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv);
