import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { navigate } from "./history-location.js";

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: string;
}

function opensElsewhere(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}

/** An anchor that navigates in place; modified clicks (new tab, new window) keep the browser's behaviour. */
export function Link({ to, onClick, children, ...anchorProps }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || opensElsewhere(event) || anchorProps.target === "_blank") return;
    event.preventDefault();
    navigate(to);
  }

  return (
    <a href={to} onClick={handleClick} {...anchorProps}>
      {children}
    </a>
  );
}
