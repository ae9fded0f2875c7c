import { guardrailOptionsInvalid } from "./guardrail-errors.js";
import {
  type PiiDetector,
  type PiiFinding,
  type PiiKind,
  type PiiSpan,
  piiKinds,
} from "./pii-detector-spec.js";
import { defaultPiiDetectors } from "./pii-detectors.js";
import type { PiiVaultSnapshot } from "./pii-vault.js";
import { createPiiVault, placeholderPattern } from "./pii-vault.js";
import { collectPiiCandidates, defaultPiiMinScore, resolvePiiOverlaps } from "./scan-pii.js";

// Reversible redaction for one run: values become placeholders on the way to the model, and placeholders
// become values again in the reply the user sees. Probabilistic defence in depth, not a boundary: a value
// no detector recognises goes through unchanged.

export interface PiiRedactorOptions {
  /** Detectors to run (default: every built-in one). */
  detectors?: readonly PiiDetector[];
  /** Only these kinds (default: all). */
  kinds?: readonly PiiKind[];
  /** Findings scoring below this stay in the text (default 0.5). */
  minScore?: number;
  /** A vault saved by `snapshot()`, so a resumed run keeps its placeholders. */
  snapshot?: unknown;
}

export interface PiiRedaction {
  text: string;
  /** What was replaced, with offsets into the text given to `redact`; never the values themselves. */
  findings: PiiFinding[];
}

export interface PiiRedactor {
  /** Replaces every finding with its placeholder (`[EMAIL_1]`); one value keeps one placeholder per run. */
  redact(text: string): PiiRedaction;
  /** Puts the originals back for this vault's placeholders; other bracketed text is left alone. */
  restore(text: string): string;
  /** Finds PII without touching the vault (for reject-style guardrails). */
  scan(text: string): PiiSpan[];
  /** Replaces spans found by this redactor's detectors in `text` (the stream redactor's building block). */
  redactSpans(text: string, spans: readonly PiiSpan[]): PiiRedaction;
  /** The vault as JSON (it contains the original values). */
  snapshot(): PiiVaultSnapshot;
  readonly detectors: readonly PiiDetector[];
  readonly minScore: number;
  /** How many distinct values the vault holds. */
  readonly size: number;
}

/** A redactor with its own vault: create one per run (or restore the run's with `snapshot`). */
export function createPiiRedactor(options: PiiRedactorOptions = {}): PiiRedactor {
  const minScore = options.minScore ?? defaultPiiMinScore;
  if (!(minScore >= 0 && minScore <= 1))
    throw guardrailOptionsInvalid("pii", "minScore", "must be within 0..1");
  const unknownKind = options.kinds?.find((kind) => !(piiKinds as readonly string[]).includes(kind));
  if (unknownKind !== undefined) {
    throw guardrailOptionsInvalid(
      "pii",
      "kinds",
      `names ${unknownKind}; known kinds: ${piiKinds.join(", ")}`,
    );
  }
  const detectors = (options.detectors ?? defaultPiiDetectors)
    .filter((detector) => options.kinds === undefined || options.kinds.includes(detector.kind))
    .map(globalDetector);
  const vault = createPiiVault(options.snapshot);

  const scan = (text: string) =>
    resolvePiiOverlaps(collectPiiCandidates(text, 0, detectors, minScore, false).spans, detectors);

  const redactSpans = (text: string, spans: readonly PiiSpan[]): PiiRedaction => {
    const parts: string[] = [];
    const findings: PiiFinding[] = [];
    let position = 0;
    for (const span of spans) {
      const placeholder = vault.placeholderFor(span.kind, text.slice(span.start, span.end));
      parts.push(text.slice(position, span.start), placeholder);
      position = span.end;
      findings.push({
        kind: `pii.${span.kind}`,
        detector: span.detector,
        start: span.start,
        end: span.end,
        score: span.score,
        placeholder,
      });
    }
    parts.push(text.slice(position));
    return { text: parts.join(""), findings };
  };

  return {
    redact: (text) => redactSpans(text, scan(text)),
    restore(text) {
      if (vault.size === 0) return text;
      return text.replace(placeholderPattern, (placeholder) => vault.originalOf(placeholder) ?? placeholder);
    },
    scan,
    redactSpans,
    snapshot: () => vault.snapshot(),
    detectors,
    minScore,
    get size() {
      return vault.size;
    },
  };
}

// Scanning moves lastIndex, which only a global regex honours; a detector given without `g` gets a copy.
function globalDetector(detector: PiiDetector): PiiDetector {
  if (detector.pattern.global) return detector;
  return { ...detector, pattern: new RegExp(detector.pattern.source, `${detector.pattern.flags}g`) };
}
