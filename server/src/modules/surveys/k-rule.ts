/**
 * The small-groups rule (mechanisms.md, cross-cutting "Small groups stay hidden"), pure.
 *
 * A breakdown (a cross tab by department or role, the response rate by department) shows a group
 * only when at least K people in it answered. When groups are hidden, the shown total of the
 * breakdown minus the shown groups gives the sum of the hidden ones: so at least two groups are
 * hidden (one hidden group would be that difference), and the hidden groups together hold at
 * least K people (what the difference tells, it tells about K people or more, as a shown group
 * does). The complementary groups are the smallest shown ones, one at a time.
 *
 * Hiding whole groups (a group's count and every cell of its row together) keeps every cell
 * undetermined as well: with two hidden rows a and b, moving one answer from a to b in one
 * column and back in another changes no shown figure (row counts, column totals, the grand
 * total), so no combination of shown figures by subtraction pins a hidden cell (the property
 * test k-rule.property.test.ts checks this by linear algebra on random breakdowns).
 *
 * Free-text answers are listed only when at least COMMENT_K people wrote one.
 */

/** People who answered, at least, for a group of a breakdown to be shown. */
export const K = 5;
/** People who wrote a free-text answer, at least, for the answers to be listed. */
export const COMMENT_K = 10;

/**
 * Which groups of a breakdown to hide, given each group's number of people who answered: every
 * group under k, then (while fewer than two are hidden, or the hidden ones hold fewer than k
 * people together) the smallest shown group, the first one of equal groups. Nothing is hidden
 * when every group reaches k. A breakdown of a single group under k hides it (its figures are
 * then those of the whole, which is not a breakdown).
 */
export function suppressedGroups(counts: readonly number[], k: number = K): boolean[] {
  const hidden = counts.map((n) => n < k);
  if (!hidden.some(Boolean)) return hidden;
  for (;;) {
    let hiddenCount = 0;
    let hiddenSum = 0;
    let smallest = -1;
    counts.forEach((n, i) => {
      if (hidden[i]) {
        hiddenCount++;
        hiddenSum += n;
      } else if (smallest < 0 || n < counts[smallest]!) smallest = i;
    });
    if ((hiddenCount >= 2 && hiddenSum >= k) || smallest < 0) return hidden;
    hidden[smallest] = true;
  }
}

/** Free-text answers are listed when at least commentK people wrote one. */
export function commentsShown(writers: number, commentK: number = COMMENT_K): boolean {
  return writers >= commentK;
}

/** One group of a cross tab before the rule: its people who answered and its cells. */
export interface RawGroupRow {
  group: string;
  n: number;
  counts: number[];
}

/** One group of a cross tab as shown and exported. */
export interface ShownGroupRow {
  group: string;
  n: number | null;
  counts: Array<number | null>;
  suppressed: boolean;
}

/** A cross tab under the rule: the hidden groups keep their name, lose their count and cells. */
export function applyToCrossTab(rows: readonly RawGroupRow[], k: number = K): ShownGroupRow[] {
  const hidden = suppressedGroups(
    rows.map((r) => r.n),
    k,
  );
  return rows.map((r, i) =>
    hidden[i]
      ? { group: r.group, n: null, counts: r.counts.map(() => null), suppressed: true }
      : { group: r.group, n: r.n, counts: [...r.counts], suppressed: false },
  );
}

/** One department of the response rate before the rule. */
export interface RawRateRow {
  departmentId: number;
  name: string;
  invited: number;
  answered: number;
}

/** One department of the response rate as shown and exported. */
export interface ShownRateRow {
  departmentId: number;
  name: string;
  invited: number;
  answered: number | null;
  rate: number | null;
  suppressed: boolean;
}

/**
 * The response rate by department under the rule, the groups being the people who answered
 * in each department (the invited, fixed when the survey opened, stay shown).
 */
export function applyToRates(rows: readonly RawRateRow[], k: number = K): ShownRateRow[] {
  const hidden = suppressedGroups(
    rows.map((r) => r.answered),
    k,
  );
  return rows.map((r, i) =>
    hidden[i]
      ? { ...r, answered: null, rate: null, suppressed: true }
      : { ...r, rate: ratio(r.answered, r.invited), suppressed: false },
  );
}

/** a / b rounded to 4 decimals, 0 when b is 0. */
export function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000;
}
