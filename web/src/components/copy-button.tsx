import { useEffect, useState } from "react";

export interface CopyButtonProps {
  value: string;
  /** What is copied, for the button's accessible name: "trace id" gives "Copy trace id". */
  label: string;
}

type CopyState = "idle" | "copied" | "failed";

/** Copies a value (an id) to the clipboard and says so for a moment. */
export function CopyButton({ value, label }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 1500);
    return () => window.clearTimeout(timer);
  }, [state]);

  function handleClick() {
    // The Clipboard API needs a secure context; loopback and HTTPS are, a plain-HTTP LAN address is not.
    if (navigator.clipboard === undefined) {
      setState("failed");
      return;
    }
    navigator.clipboard.writeText(value).then(
      () => setState("copied"),
      () => setState("failed"),
    );
  }

  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy";
  return (
    <button
      type="button"
      className={`copy-button copy-button-${state}`}
      onClick={handleClick}
      aria-label={`Copy ${label}`}
      title={`Copy ${label}: ${value}`}
    >
      {text}
    </button>
  );
}
