import { useEffect, useId, useRef, useState } from "react";

export interface FilterTextInputProps {
  label: string;
  value: string;
  placeholder: string;
  /** Values to suggest (seen in the loaded data). */
  suggestions?: readonly string[];
  onCommit: (value: string) => void;
}

// Long enough that typing a name does not reload the list at every key.
const commitDelayMilliseconds = 500;

/** A labelled text filter that applies on Enter, on leaving the field, or after a pause in typing. */
export function FilterTextInput({
  label,
  value,
  placeholder,
  suggestions = [],
  onCommit,
}: FilterTextInputProps) {
  const [draft, setDraft] = useState(value);
  const inputId = useId();
  const listId = `${inputId}-suggestions`;
  const committed = useRef(value);

  // A change from outside (Clear filters, back button) replaces what is typed.
  useEffect(() => {
    committed.current = value;
    setDraft(value);
  }, [value]);

  function commit(next: string) {
    const trimmed = next.trim();
    if (trimmed === committed.current) return;
    committed.current = trimmed;
    onCommit(trimmed);
  }

  useEffect(() => {
    if (draft.trim() === committed.current) return;
    const timer = window.setTimeout(() => commit(draft), commitDelayMilliseconds);
    return () => window.clearTimeout(timer);
  });

  return (
    <div className="filter-field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="search"
        value={draft}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        list={suggestions.length > 0 ? listId : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => commit(draft)}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit(draft);
        }}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </div>
  );
}
