// Text a person does not see but a model reads: zero-width characters, bidirectional overrides and Unicode
// tag characters (which spell ASCII invisibly, "ASCII smuggling"). Part of the injection heuristics, which
// are probabilistic defence in depth.

// An alternation, not a class: ZWJ inside a class reads as an emoji joiner to linters and people alike.
const zeroWidth = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\u180E|\u00AD/g;
const bidiControls = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g;
const tagCharacters = /[\u{E0000}-\u{E007F}]/gu;
// What stripping removes: everything above except ZWJ and ZWNJ, which scripts and emoji sequences need.
const invisible =
  /[\u200B\u2060\uFEFF\u180E\u00AD\u202A-\u202E\u2066-\u2069\u200E\u200F]|[\u{E0000}-\u{E007F}]/gu;

export interface HiddenText {
  zeroWidth: number;
  bidi: number;
  tags: number;
  /** What the tag characters spell in ASCII (tag U+E0041 is "A"). */
  tagText: string;
}

function count(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let total = 0;
  while (pattern.exec(text) !== null) total++;
  return total;
}

/** Counts the invisible characters in `text` and decodes any tag characters. */
export function findHiddenText(text: string): HiddenText {
  const tags = text.match(tagCharacters) ?? [];
  const tagText = tags
    .map((tag) => tag.codePointAt(0)! - 0xe0000)
    .filter((code) => code >= 0x20 && code < 0x7f)
    .map((code) => String.fromCharCode(code))
    .join("");
  return { zeroWidth: count(text, zeroWidth), bidi: count(text, bidiControls), tags: tags.length, tagText };
}

/** Removes invisible characters (keeping ZWJ/ZWNJ), so "ig\u200Bnore" reads as "ignore". */
export function stripInvisible(text: string): string {
  return text.replace(invisible, "");
}

// Letters from other scripts that look like Latin ones ("ignоre" with a Cyrillic о); NFKC keeps them apart.
const lookalikes: Readonly<Record<string, string>> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ɡ: "g",
  ӏ: "l",
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  І: "I",
  α: "a",
  ο: "o",
  ρ: "p",
  ν: "v",
  ι: "i",
  Α: "A",
  Β: "B",
  Ε: "E",
  Ι: "I",
  Κ: "K",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
};
const lookalikePattern = new RegExp(`[${Object.keys(lookalikes).join("")}]`, "g");

/** The text the heuristics also read: invisible characters removed, NFKC, Latin look-alikes mapped. */
export function normalizeForInjection(text: string): string {
  return stripInvisible(text)
    .normalize("NFKC")
    .replace(lookalikePattern, (letter) => lookalikes[letter] ?? letter);
}
