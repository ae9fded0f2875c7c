// Turns Cedar's character offsets into the lines and columns a person looks for in their file.

export interface SourcePosition {
  line: number;
  column: number;
}

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let index = 0; index < end; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** The text of the 1-based `line`, for showing the offending line under an error. */
export function lineText(text: string, line: number): string {
  return text.split("\n")[line - 1]?.replace(/\r$/, "") ?? "";
}
