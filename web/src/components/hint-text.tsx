/** Server messages quote commands in backticks (`gantry keys create`); show those spans as code. */
export function HintText({ text }: { text: string }) {
  // split() with a capture group alternates plain text (even indexes) and quoted code (odd indexes).
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string never reorder.
          <code key={index}>{part}</code>
        ) : (
          part
        ),
      )}
    </>
  );
}
