/**
 * Small-number suppression for reports that count people (R-MON-4: outcomes may be published anonymised).
 * A count of 1 to threshold − 1 could single someone out, so it is withheld (primary suppression). The
 * categories of a group add up to a total the reader knows or can work out (the complaints received, or the
 * sum of another grouping of the same people), so one withheld cell could be recovered by subtraction; more
 * cells are withheld, smallest first and zeros included, until at least two are withheld and together they
 * hold at least `threshold` people (secondary suppression). A group whose total is below the threshold is
 * withheld whole. A withheld count is `null`.
 */
export type SuppressedCount = number | null;

export function suppressGroup<Category extends string>(
  counts: Record<Category, number>,
  threshold: number,
): Record<Category, SuppressedCount> {
  const entries = Object.entries(counts) as [Category, number][];
  const withheld = new Set<Category>(entries.filter(([, n]) => isSmall(n, threshold)).map(([key]) => key));
  if (withheld.size > 0) {
    const candidates = entries
      .filter(([key]) => !withheld.has(key))
      .sort(([a, x], [b, y]) => x - y || a.localeCompare(b));
    const heldPeople = () => entries.reduce((sum, [key, n]) => sum + (withheld.has(key) ? n : 0), 0);
    while (candidates.length > 0 && (withheld.size < 2 || heldPeople() < threshold)) {
      withheld.add(candidates.shift()![0]);
    }
  }
  return Object.fromEntries(entries.map(([key, n]) => [key, withheld.has(key) ? null : n])) as Record<
    Category,
    SuppressedCount
  >;
}

/** A total on its own: withheld when it is small enough to single someone out. */
export function suppressTotal(total: number, threshold: number): SuppressedCount {
  return isSmall(total, threshold) ? null : total;
}

function isSmall(n: number, threshold: number): boolean {
  return n > 0 && n < threshold;
}
