import { type PiiFinding, piiContextChars } from "./pii-detector-spec.js";
import type { PiiRedactor } from "./pii-redactor.js";
import { collectPiiCandidates, resolvePiiOverlaps } from "./scan-pii.js";
import { cutOutsideMatches, partialPlaceholderStart, unsettledStart } from "./stream-hold-back.js";

// Redaction (or restoring) for streamed text. Deltas go in, text safe to show comes out; the tail that
// could still become a value (or a placeholder still being written) is held back until it is settled or
// the stream ends. The concatenated output equals what the one-shot redact/restore gives for the whole text.

export interface StreamRedactorOptions {
  /** `redact` (default): values become placeholders. `restore`: placeholders become values again. */
  mode?: "redact" | "restore";
}

export interface StreamRedactor {
  /** Takes the next delta, returns the text now safe to pass on (possibly empty). */
  push(delta: string): string;
  /** Ends the stream: returns everything still held back, redacted or restored. */
  flush(): string;
  /** Redactions so far, with offsets into the whole input stream (redact mode). */
  readonly findings: readonly PiiFinding[];
  /** Characters currently held back. */
  readonly held: number;
}

/** A stream redactor over a run's redactor (and its vault). */
export function createStreamRedactor(
  redactor: PiiRedactor,
  options: StreamRedactorOptions = {},
): StreamRedactor {
  return options.mode === "restore" ? restoringStream(redactor) : redactingStream(redactor);
}

function redactingStream(redactor: PiiRedactor): StreamRedactor {
  const { detectors, minScore } = redactor;
  const findings: PiiFinding[] = [];
  // Released input kept for detectors' lookbehind and context words, never emitted again.
  let context = "";
  let buffer = "";
  let released = 0;

  const release = (final: boolean): string => {
    if (buffer.length === 0) return "";
    const text = context + buffer;
    const from = context.length;
    const candidates = collectPiiCandidates(text, from, detectors, minScore, !final);
    const cut = final
      ? text.length
      : cutOutsideMatches(unsettledStart(text, from, detectors), from, candidates.matches);
    if (cut <= from) return "";
    const spans = resolvePiiOverlaps(candidates.spans, detectors)
      .filter((span) => span.end <= cut)
      .map((span) => ({ ...span, start: span.start - from, end: span.end - from }));
    const redaction = redactor.redactSpans(text.slice(from, cut), spans);
    for (const finding of redaction.findings) {
      findings.push({ ...finding, start: finding.start + released, end: finding.end + released });
    }
    released += cut - from;
    context = text.slice(Math.max(0, cut - piiContextChars), cut);
    buffer = text.slice(cut);
    return redaction.text;
  };

  return {
    push(delta) {
      buffer += delta;
      return release(false);
    },
    flush: () => release(true),
    findings,
    get held() {
      return buffer.length;
    },
  };
}

function restoringStream(redactor: PiiRedactor): StreamRedactor {
  let buffer = "";
  const release = (final: boolean): string => {
    const cut = final ? buffer.length : partialPlaceholderStart(buffer);
    const out = redactor.restore(buffer.slice(0, cut));
    buffer = buffer.slice(cut);
    return out;
  };
  return {
    push(delta) {
      buffer += delta;
      return release(false);
    },
    flush: () => release(true),
    findings: [],
    get held() {
      return buffer.length;
    },
  };
}
