import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError } from "../../core/index.js";
import { approvalSecretUnsafe, approvalSecretWeak } from "./approval-errors.js";

// The key approvals are signed with. It must live outside the database: whoever can write the
// database must not also be able to sign, or an edited row could carry a valid signature.

/** The environment variable that, when set, is the approvals secret (shared by every process). */
export const approvalSecretVariable = "GANTRY_APPROVAL_SECRET";

const minimumSecretLength = 32;
const keyBytes = 32;

/** `<root>/.gantry/approval.key`: where the generated key lives when the variable is not set. */
export function approvalKeyPath(root: string): string {
  return join(root, ".gantry", "approval.key");
}

/**
 * The approvals secret: `GANTRY_APPROVAL_SECRET` when set (at least 32 characters), else a 32-byte
 * key generated once into `<root>/.gantry/approval.key` (mode 0600) and read back on every start, so
 * approvals given before a restart still verify. Processes that share a Postgres store must share it
 * too: set the variable for all of them.
 */
export function resolveApprovalSecret(options: {
  env?: Record<string, string | undefined>;
  root: string;
}): Buffer {
  const fromEnv = (options.env ?? process.env)[approvalSecretVariable];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < minimumSecretLength) throw approvalSecretWeak(fromEnv.length);
    return Buffer.from(fromEnv, "utf8");
  }
  const path = approvalKeyPath(options.root);
  return readKey(path) ?? createKey(path);
}

function readKey(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw keyFileError(path, "cannot be read", error);
  }
  // Mode bits mean nothing on Windows; elsewhere a key others can read is a key others can sign with.
  if (process.platform !== "win32") {
    const mode = statSync(path).mode;
    if ((mode & 0o077) !== 0) throw approvalSecretUnsafe(path, mode);
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw keyFileError(path, "is not 64 hex characters");
  return Buffer.from(hex, "hex");
}

// Written to a private temporary file and then hard-linked into place: the link fails if another
// process got there first, so two processes starting at once end up with the same key, never a
// half-written one.
function createKey(path: string): Buffer {
  const folder = join(path, "..");
  mkdirSync(folder, { recursive: true });
  const key = randomBytes(keyBytes);
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(temporary, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST")
      throw keyFileError(path, "cannot be created", error);
    return readKey(path)!;
  } finally {
    unlinkSync(temporary);
  }
}

function keyFileError(path: string, problem: string, cause?: unknown): GantryError {
  return new GantryError({
    code: "APPROVAL_SECRET_UNAVAILABLE",
    message: `The approval key ${path} ${problem}${cause instanceof Error ? `: ${cause.message}` : ""}`,
    domain: "CONFIG",
    category: "USER",
    details: { path },
    hint: `Restore the file, or set ${approvalSecretVariable}. Deleting it makes every earlier approval fail its signature check.`,
    cause,
  });
}
