import { z } from "zod";
import { piiVaultSnapshotInvalid } from "./guardrail-errors.js";
import { type PiiKind, piiKinds } from "./pii-detector-spec.js";

// A resumed run gets its vault back from the run state; anything else there was edited outside Gantry,
// and a wrong entry would restore the wrong value into a reply, so it is refused rather than repaired.

export interface PiiVaultEntry {
  placeholder: string;
  kind: PiiKind;
  /** The value as it first appeared; what `restore` puts back. */
  original: string;
}

/** The vault as JSON, for the run state. It holds the original values: store it as you store the run. */
export interface PiiVaultSnapshot {
  version: 1;
  entries: PiiVaultEntry[];
}

const labelKinds: Readonly<Record<string, string>> = {
  EMAIL: "email",
  PHONE: "phone",
  CARD: "card",
  IBAN: "iban",
  IP: "ip",
  SSN: "ssn",
  SECRET: "secret",
};

const entrySchema = z
  .object({
    placeholder: z.string().regex(/^\[(EMAIL|PHONE|CARD|IBAN|IP|SSN|SECRET)_[1-9][0-9]{0,6}\]$/),
    kind: z.enum(piiKinds),
    original: z.string().min(1).max(10_000),
  })
  .strict()
  .refine(
    (entry) => labelKinds[entry.placeholder.slice(1, entry.placeholder.lastIndexOf("_"))] === entry.kind,
    {
      message: "the placeholder's label does not match its kind",
      path: ["placeholder"],
    },
  );

const snapshotSchema = z
  .object({ version: z.literal(1), entries: z.array(entrySchema) })
  .strict()
  .superRefine((snapshot, context) => {
    const seen = new Set<string>();
    snapshot.entries.forEach((entry, index) => {
      if (seen.has(entry.placeholder)) {
        context.addIssue({ code: "custom", message: "placeholder appears twice", path: ["entries", index] });
      }
      seen.add(entry.placeholder);
    });
  });

/** Validates a vault snapshot read back from a run state. */
export function parsePiiVaultSnapshot(value: unknown): PiiVaultSnapshot {
  const parsed = snapshotSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw piiVaultSnapshotInvalid(issue.path.map(String).join("."), issue.message);
}
