// `npm run bench [filter]`: runs every benchmark under bench/ (files named *.bench.ts), one after
// another so they do not compete for the two cores, each printing its peer comparison and ratio.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function findBenchmarks(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return findBenchmarks(path);
    return entry.name.endsWith(".bench.ts") ? [path] : [];
  });
}

const filter = process.argv[2] ?? "";
const benchmarks = findBenchmarks("bench")
  .filter((path) => path.includes(filter))
  .sort();
if (benchmarks.length === 0) {
  console.error(`no benchmark matches '${filter}' under bench/`);
  process.exit(2);
}
let failures = 0;
for (const path of benchmarks) {
  console.log(`\n=== ${path}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path], { stdio: "inherit" });
  if (result.status !== 0) failures += 1;
}
process.exit(failures === 0 ? 0 : 1);
