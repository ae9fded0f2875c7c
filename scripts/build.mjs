// Builds the package: TypeScript to dist/, then the dashboard to dist/web.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`build failed: ${command} ${args.join(" ")}`);
    process.exit(result.status ?? 1);
  }
}

const started = Date.now();
rmSync("dist", { recursive: true, force: true });
run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"]);
run(process.execPath, [
  "node_modules/vite/bin/vite.js",
  "build",
  "--config",
  "web/vite.config.ts",
  "--logLevel",
  "warn",
]);
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
