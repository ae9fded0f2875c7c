import type { PiiDetector } from "./pii-detector-spec.js";

// API keys and tokens by their vendors' published prefixes. Probabilistic defence in depth: a key without
// a recognisable prefix (an AWS secret access key, a random password) is not found.

const prefixed = [
  "sk-[A-Za-z0-9_-]{20,256}", // OpenAI (sk-, sk-proj-, sk-svcacct-), Anthropic (sk-ant-)
  "gsk_[A-Za-z0-9_-]{20,128}", // Gantry API keys, Groq
  "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}", // Stripe secret and restricted keys
  "gh[pousr]_[A-Za-z0-9]{30,255}", // GitHub tokens
  "github_pat_[A-Za-z0-9_]{22,255}", // GitHub fine-grained tokens
  "xox[abposr]-[A-Za-z0-9-]{10,255}", // Slack
  "glpat-[A-Za-z0-9_-]{20,64}", // GitLab
  "hf_[A-Za-z0-9]{30,64}", // Hugging Face
  "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])", // AWS access key ids
  "AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])", // Google API keys
  "npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", // npm tokens
];

/** API-key-like secrets: `sk-…`, `gsk_…`, `AKIA…`, `ghp_…`, `xoxb-…`, `sk_live_…` and similar. */
export const secretDetector: PiiDetector = {
  name: "secret",
  kind: "secret",
  pattern: new RegExp(`(?<![A-Za-z0-9_-])(?:${prefixed.join("|")})`, "g"),
  alphabet: /[A-Za-z0-9_-]/,
  maxLength: 11 + 255 + 1,
  verdict(match) {
    const value = match[0];
    // Real keys mix letters and digits; "sk-this-is-not-a-real-key-at-all" only has the shape.
    const mixed = /[0-9]/.test(value.slice(3)) && /[A-Za-z]/.test(value.slice(3));
    return { score: mixed ? 0.95 : 0.6 };
  },
};
