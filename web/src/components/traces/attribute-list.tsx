import { Fragment } from "react";
import type { AttributeEntry } from "../../traces/span-attributes.js";

/** Text that may wrap after "." and "_" (word breaks of attribute keys), never inside a word. */
function BreakableName({ text }: { text: string }) {
  const parts = text.split(/(?<=[._])/);
  return (
    <>
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string never reorder.
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** A key's namespace ("gen_ai.usage.") dimmed, so the distinctive part of long keys stands out. */
function AttributeKey({ name }: { name: string }) {
  const lastDot = name.lastIndexOf(".");
  if (lastDot <= 0) return <BreakableName text={name} />;
  return (
    <>
      <span className="attribute-namespace">
        <BreakableName text={name.slice(0, lastDot + 1)} />
      </span>
      <wbr />
      <BreakableName text={name.slice(lastDot + 1)} />
    </>
  );
}

/** Attribute keys and values; JSON values as indented blocks. */
export function AttributeList({ entries }: { entries: readonly AttributeEntry[] }) {
  return (
    <dl className="attribute-list">
      {entries.map((entry) => (
        <div key={entry.key} className="attribute-row" data-attribute={entry.key}>
          <dt>
            <AttributeKey name={entry.key} />
          </dt>
          <dd>
            {entry.display.kind === "json" ? (
              <pre className="attribute-json">{entry.display.text}</pre>
            ) : (
              <span className="attribute-text">{entry.display.text}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
