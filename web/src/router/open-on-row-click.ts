import type { MouseEvent } from "react";
import { navigate } from "./history-location.js";

/**
 * A click on a table row opens `path`, except on links and buttons (they do their own thing) and when
 * the click ended a text selection (someone copying an id).
 */
export function openOnRowClick(event: MouseEvent<HTMLTableRowElement>, path: string): void {
  const target = event.target as HTMLElement;
  if (target.closest("a, button") !== null) return;
  if ((window.getSelection()?.toString() ?? "") !== "") return;
  navigate(path);
}
