import type { SeededRandom } from "./seeded-random.js";

/**
 * Splits text into stream chunks of one to three words (spaces kept), as providers send a few tokens
 * per SSE event. Joining the chunks gives the text back exactly.
 */
export function splitIntoChunks(text: string, random: SeededRandom): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text.length > 0 ? [text] : []);
  const chunks: string[] = [];
  for (let index = 0; index < words.length; ) {
    const size = random.integer(1, 3);
    chunks.push(words.slice(index, index + size).join(""));
    index += size;
  }
  return chunks;
}

/** Splits JSON text into about three pieces, as providers stream tool-call arguments. */
export function splitJsonIntoChunks(json: string): string[] {
  if (json.length <= 8) return [json];
  const size = Math.ceil(json.length / 3);
  const pieces: string[] = [];
  for (let start = 0; start < json.length; start += size) pieces.push(json.slice(start, start + size));
  return pieces;
}
