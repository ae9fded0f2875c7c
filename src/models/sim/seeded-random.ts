import { sha256Hex } from "../../core/index.js";

/**
 * A small seeded PRNG (mulberry32). Not cryptographic: it exists so the same seed gives the same
 * replies, latencies and faults on every machine, which `Math.random` cannot.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both inclusive. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `rate`. */
  chance(rate: number): boolean {
    return this.next() < rate;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A standard normal sample (Box-Muller); 1 - next() keeps the logarithm finite. */
  standardNormal(): number {
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    return radius * Math.cos(2 * Math.PI * this.next());
  }

  /** Hex text of `length` characters, for deterministic response and tool-call ids. */
  hex(length: number): string {
    let text = "";
    while (text.length < length)
      text += Math.floor(this.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, "0");
    return text.slice(0, length);
  }
}

/** A 32-bit seed from any list of parts, so derived streams are independent but reproducible. */
export function seedFrom(...parts: Array<string | number>): number {
  return Number.parseInt(sha256Hex(parts.map(String).join("\u0000")).slice(0, 8), 16);
}
