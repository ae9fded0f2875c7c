import { randomBytes } from "node:crypto";
import { type Clock, systemClock } from "./clock.js";

// Crockford base32: sortable as text, no ambiguous letters (as in ULID).
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(time: number): string {
  let out = "";
  let rest = time;
  for (let index = 0; index < 10; index++) {
    out = alphabet[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function freshRandom(): number[] {
  return Array.from(randomBytes(16), (byte) => byte % 32);
}

// Within one millisecond the random part is incremented, so ids from one process stay strictly ordered.
function incremented(digits: number[]): number[] {
  const next = [...digits];
  for (let index = next.length - 1; index >= 0; index--) {
    if (next[index]! < 31) {
      next[index]! += 1;
      return next;
    }
    next[index] = 0;
  }
  return freshRandom();
}

/** A ULID-shaped id (26 chars, time-ordered). `prefix` makes ids self-describing: `run_01J…`. */
export function newId(prefix?: string, clock: Clock = systemClock): string {
  const time = clock.now();
  lastRandom = time === lastTime ? incremented(lastRandom) : freshRandom();
  lastTime = time;
  const body = encodeTime(time) + lastRandom.map((digit) => alphabet[digit]).join("");
  return prefix ? `${prefix}_${body}` : body;
}

/** The creation time (ms since epoch) encoded in an id made by `newId`. */
export function idTime(id: string): number {
  const body = id.includes("_") ? id.slice(id.lastIndexOf("_") + 1) : id;
  let time = 0;
  for (const char of body.slice(0, 10)) time = time * 32 + alphabet.indexOf(char);
  return time;
}
