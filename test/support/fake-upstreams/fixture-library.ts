import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const fixtureFolder = fileURLToPath(new URL("../../fixtures/provider-wire/", import.meta.url));

/** A recorded exchange: the plain body (when recorded) and the stream's events, one JSON text per line. */
export interface WireFixture {
  name: string;
  json: unknown | undefined;
  /** Parsed stream events, in order; undefined when no `.chunks.txt` was recorded. */
  events: unknown[] | undefined;
}

// Loaded once per process: a benchmark at 10k requests must not read files per request.
const cache = new Map<string, WireFixture>();

/** Loads `test/fixtures/provider-wire/<name>.json` and `<name>.chunks.txt` (either may be absent). */
export function loadWireFixture(name: string): WireFixture {
  const cached = cache.get(name);
  if (cached) return cached;
  const jsonPath = `${fixtureFolder}${name}.json`;
  const chunksPath = `${fixtureFolder}${name}.chunks.txt`;
  if (!existsSync(jsonPath) && !existsSync(chunksPath)) {
    throw new Error(
      `No wire fixture "${name}" in ${fixtureFolder} (expected ${name}.json or ${name}.chunks.txt)`,
    );
  }
  const fixture: WireFixture = {
    name,
    json: existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, "utf8")) : undefined,
    events: existsSync(chunksPath)
      ? readFileSync(chunksPath, "utf8")
          .split("\n")
          .filter((line) => line.trim() !== "")
          .map((line) => JSON.parse(line) as unknown)
      : undefined,
  };
  cache.set(name, fixture);
  return fixture;
}
