import { isAbsolute, join, resolve } from "node:path";
import { GantryError } from "../core/index.js";
import type { StoreKind } from "./store-spec.js";

/** Where to open a store, decided from the url (or its absence) before any connection is made. */
export type StoreTarget =
  | { kind: Extract<StoreKind, "sqlite">; path: string; location: string }
  | { kind: Extract<StoreKind, "postgres">; url: string; location: string };

/** The default SQLite file of a workspace. */
export function defaultSqlitePath(root: string): string {
  return join(resolve(root), ".gantry", "gantry.db");
}

/**
 * Decides the backend: `postgres://` or `postgresql://` is Postgres; anything else is a SQLite path
 * (optionally `sqlite:` or `file:` prefixed), relative paths taken from `root`; no url is the default file.
 */
export function resolveStoreTarget(url: string | undefined, root: string): StoreTarget {
  const trimmed = url?.trim();
  if (!trimmed) {
    const path = defaultSqlitePath(root);
    return { kind: "sqlite", path, location: path };
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    return { kind: "postgres", url: trimmed, location: redactUrl(trimmed) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme && !/^(sqlite|file)$/i.test(scheme[1] ?? "")) {
    throw new GantryError({
      code: "STORE_URL_UNSUPPORTED",
      message:
        `The store url ${redactUrl(trimmed)} uses the scheme "${scheme[1]}", which Gantry cannot open. ` +
        "Use postgres://… or a SQLite file path (GANTRY_DATABASE_URL or store.url in gantry.config.ts).",
      domain: "STORE",
      category: "USER",
      details: { scheme: scheme[1] ?? "" },
    });
  }
  const path = trimmed.replace(/^(sqlite|file):(\/\/)?/i, "");
  if (path === ":memory:") return { kind: "sqlite", path, location: path };
  const absolute = isAbsolute(path) ? path : resolve(root, path);
  return { kind: "sqlite", path: absolute, location: absolute };
}

/** The url with its password (if any) replaced by `***`, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === "") return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    // Not parseable by URL: hide whatever sits between "user:" and "@" by hand.
    return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
  }
}
