import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { type Clock, GantryError, hashJson, type JsonValue, systemClock } from "../../core/index.js";
import type { PrincipalChain } from "../policy/policy-spec.js";

// Credentials a tool receives for one call, minted by the runtime, never taken from model arguments:
// scoped to the principal chain, bound to the tool and a digest of its arguments, short-lived. A tool
// (or the service behind it) verifies one with `verifyToolCredential` and the same secret, and so
// knows the call was authorised by the policy point for exactly these arguments.

export interface ToolCredentialClaims {
  /** The tool the credential is for. */
  tool: string;
  /** sha256 of the canonical JSON of the arguments. */
  argsDigest: string;
  runId: string;
  toolCallId: string;
  principal: PrincipalChain;
  /** Epoch milliseconds. */
  issuedAt: number;
  expiresAt: number;
}

export interface ToolCredential {
  /** `<base64url claims>.<base64url HMAC-SHA256>`: pass it to the system that performs the action. */
  token: string;
  claims: ToolCredentialClaims;
}

/**
 * The credential key of a workspace: derived from its approval key (`resolveApprovalSecret`), so a
 * credential and an approval signature can never stand in for each other. A service that verifies
 * credentials derives the same key from the same `GANTRY_APPROVAL_SECRET`.
 */
export function toolCredentialSecret(approvalSecret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", approvalSecret, "", "gantry tool credentials", 32));
}

const encode = (text: string | Buffer) => Buffer.from(text).toString("base64url");

function sign(secret: Uint8Array, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** Mints a credential for one tool call. Default lifetime 5 minutes. */
export function mintToolCredential(options: {
  secret: Uint8Array;
  tool: string;
  args: JsonValue;
  runId: string;
  toolCallId: string;
  principal: PrincipalChain;
  ttlMs?: number;
  clock?: Clock;
}): ToolCredential {
  const issuedAt = (options.clock ?? systemClock).now();
  const claims: ToolCredentialClaims = {
    tool: options.tool,
    argsDigest: hashJson(options.args),
    runId: options.runId,
    toolCallId: options.toolCallId,
    principal: options.principal,
    issuedAt,
    expiresAt: issuedAt + (options.ttlMs ?? 300_000),
  };
  const payload = encode(JSON.stringify(claims));
  return { token: `${payload}.${sign(options.secret, payload)}`, claims };
}

function refused(problem: string): GantryError {
  return new GantryError({
    code: "TOOL_CREDENTIAL_INVALID",
    message: `Tool credential refused: ${problem}`,
    domain: "POLICY",
    category: "USER",
    details: { problem },
    hint: "A tool credential is valid only for the call it was minted for, until it expires; never accept one from model output.",
  });
}

/** Checks a credential's signature, expiry, tool and arguments; returns its claims or throws TOOL_CREDENTIAL_INVALID. */
export function verifyToolCredential(
  secret: Uint8Array,
  token: string,
  expected: { tool: string; args: JsonValue },
  clock: Clock = systemClock,
): ToolCredentialClaims {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) throw refused("malformed token");
  const wanted = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (wanted.length !== given.length || !timingSafeEqual(wanted, given)) throw refused("bad signature");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as ToolCredentialClaims;
  if (clock.now() > claims.expiresAt) throw refused("expired");
  if (claims.tool !== expected.tool) throw refused(`minted for tool ${claims.tool}, not ${expected.tool}`);
  if (claims.argsDigest !== hashJson(expected.args)) throw refused("minted for other arguments");
  return claims;
}
