import { describe, expect, it } from "vitest";
import { promptUserText } from "./prompt-user-text.js";

describe("promptUserText", () => {
  it("keeps the text of user messages only, oldest first", () => {
    expect(
      promptUserText([
        { role: "system", content: "be brief" },
        {
          role: "user",
          content: [
            { type: "text", text: "first" },
            { type: "file", mediaType: "image/png", data: "AAAA" },
            { type: "text", text: "second" },
          ],
        },
        { role: "assistant", content: [{ type: "text", text: "reply" }] },
        {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: "c",
              toolName: "t",
              output: { type: "text", value: "result" },
            },
          ],
        },
        { role: "user", content: [{ type: "text", text: "third" }] },
      ]),
    ).toBe("first\nsecond\nthird");
    expect(promptUserText([])).toBe("");
  });
});
