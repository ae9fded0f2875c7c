import type { PiiKind } from "./pii-detector-spec.js";
import { type PiiVaultEntry, type PiiVaultSnapshot, parsePiiVaultSnapshot } from "./pii-vault-snapshot.js";

export type { PiiVaultEntry, PiiVaultSnapshot } from "./pii-vault-snapshot.js";

// The per-run map between values and placeholders. The same value (after normalising case and
// separators) always gets the same placeholder in a run, so the model can still tell two emails apart.

/** The word in a kind's placeholders: `[EMAIL_1]`. */
export const placeholderLabels: Readonly<Record<PiiKind, string>> = {
  email: "EMAIL",
  phone: "PHONE",
  card: "CARD",
  iban: "IBAN",
  ip: "IP",
  ssn: "SSN",
  secret: "SECRET",
};

/** Matches a complete placeholder of any kind: `[EMAIL_12]`. */
export const placeholderPattern = /\[(EMAIL|PHONE|CARD|IBAN|IP|SSN|SECRET)_([1-9][0-9]{0,6})\]/g;

/** The key two spellings of one value share: `Bob@Example.com` and `bob@example.com` are one address. */
export function normalizePiiValue(kind: PiiKind, value: string): string {
  switch (kind) {
    case "email":
    case "ip":
      return value.toLowerCase();
    case "phone":
      return (value.trim().startsWith("+") ? "+" : "") + value.replace(/\D/g, "");
    case "card":
    case "ssn":
      return value.replace(/\D/g, "");
    case "iban":
      return value.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
    case "secret":
      return value;
  }
}

export interface PiiVault {
  /** The placeholder for a value, minting the kind's next number the first time it is seen. */
  placeholderFor(kind: PiiKind, value: string): string;
  /** The original behind a placeholder of this vault, or undefined. */
  originalOf(placeholder: string): string | undefined;
  snapshot(): PiiVaultSnapshot;
  readonly size: number;
}

/** A vault, empty or restored from a snapshot (validated: GUARDRAIL_VAULT_SNAPSHOT_INVALID). */
export function createPiiVault(snapshot?: unknown): PiiVault {
  const byKey = new Map<string, string>();
  const byPlaceholder = new Map<string, PiiVaultEntry>();
  const nextNumber = new Map<PiiKind, number>();
  const entries: PiiVaultEntry[] = [];

  const remember = (entry: PiiVaultEntry) => {
    entries.push(entry);
    byPlaceholder.set(entry.placeholder, entry);
    byKey.set(`${entry.kind}:${normalizePiiValue(entry.kind, entry.original)}`, entry.placeholder);
    const number = Number(entry.placeholder.slice(entry.placeholder.lastIndexOf("_") + 1, -1));
    nextNumber.set(entry.kind, Math.max(nextNumber.get(entry.kind) ?? 1, number + 1));
  };
  if (snapshot !== undefined) for (const entry of parsePiiVaultSnapshot(snapshot).entries) remember(entry);

  return {
    placeholderFor(kind, value) {
      const key = `${kind}:${normalizePiiValue(kind, value)}`;
      const known = byKey.get(key);
      if (known !== undefined) return known;
      const placeholder = `[${placeholderLabels[kind]}_${nextNumber.get(kind) ?? 1}]`;
      remember({ placeholder, kind, original: value });
      return placeholder;
    },
    originalOf(placeholder) {
      return byPlaceholder.get(placeholder)?.original;
    },
    snapshot() {
      return { version: 1, entries: entries.map((entry) => ({ ...entry })) };
    },
    get size() {
      return entries.length;
    },
  };
}
