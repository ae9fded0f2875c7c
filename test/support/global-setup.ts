import { ensureBuilt } from "./built-package.js";

// Build once, before any test file runs: files that drive the built CLI or dashboard then never
// race each other rebuilding dist/ in parallel workers.
export default function setup(): void {
  ensureBuilt();
}
