import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | undefined;

/** The folder holding Gantry's own package.json, whether running from src/ (tsx) or dist/. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "gantry") break;
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`gantry's package.json not found above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
  cachedRoot = folder;
  return folder;
}

/** Gantry's version from its package.json. */
export function packageVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version as string;
}
