import { Fragment } from "react";

/** A file path or URL in monospace that wraps after separators, never in the middle of a name. */
export function PathText({ path }: { path: string }) {
  const parts = path.split(/(?<=[/\\])/);
  return (
    <code className="path">
      {parts.map((part, index) => (
        // Parts of one path never reorder, so their position is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <Fragment key={index}>
          <span className="path-segment">{part}</span>
          {index < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </code>
  );
}
