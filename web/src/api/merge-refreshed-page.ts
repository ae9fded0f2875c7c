/** A list loaded page by page; `pagesLoaded` counts the first page and every "Load more". */
export interface PagedItems<Item> {
  items: Item[];
  nextCursor: string | null;
  pagesLoaded: number;
}

/** One page as the API answers it. */
export interface ItemPage<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * Folds a freshly loaded first page into a list that may hold more pages (auto-refresh): new and
 * changed items come from the fresh page, older pages stay with their cursor. When the fresh page does
 * not overlap what is shown, more arrived than a page holds; the list restarts from the fresh page
 * rather than show a silent gap.
 */
export function mergeRefreshedPage<Item>(
  current: PagedItems<Item>,
  fresh: ItemPage<Item>,
  keyOf: (item: Item) => string,
): PagedItems<Item> {
  const restart = { items: fresh.items, nextCursor: fresh.nextCursor, pagesLoaded: 1 };
  if (current.pagesLoaded <= 1) return restart;
  const freshKeys = new Set(fresh.items.map(keyOf));
  const overlaps = current.items.some((item) => freshKeys.has(keyOf(item)));
  if (!overlaps || fresh.nextCursor === null) return restart;
  return {
    items: [...fresh.items, ...current.items.filter((item) => !freshKeys.has(keyOf(item)))],
    nextCursor: current.nextCursor,
    pagesLoaded: current.pagesLoaded,
  };
}
