import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { applyToCrossTab, applyToRates, K, type ShownGroupRow } from './k-rule.js';
import { questionResult, rawCrossTab, resultsWorkbook, type SurveyResults } from './results.js';
import { questionSchema, type Question } from './questions.js';
import type { AnswerCountRow } from './results-repository.js';

/**
 * Issue 6 "Tests": for random department sizes and random answers, no breakdown shown or
 * exported reveals a group smaller than k, and no suppressed figure can be recovered from the
 * figures shown. "Recovered" is checked by linear algebra: a hidden unknown (a hidden group's
 * count or one of its cells) is determined by the shown figures exactly when its unit vector lies
 * in the row space of the equations the shown figures give (grand total, column totals, row sums
 * of a single choice) — every combination of them by addition and subtraction.
 */

const EPS = 1e-9;

/** The rank of a matrix (rows of numbers), by Gaussian elimination. */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let col = 0; col < width && r < m.length; col++) {
    let pivot = -1;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]![col]!) > EPS) pivot = i;
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![col]! / m[r]![col]!;
      if (Math.abs(f) < EPS) continue;
      for (let j = col; j < width; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}

/** Is unknown `x` fixed by the equations (its unit vector in their row space)? */
function determined(equations: number[][], x: number, width: number): boolean {
  const unit = Array.from({ length: width }, (_, i) => (i === x ? 1 : 0));
  return rank([...equations, unit]) === rank(equations);
}

interface Case {
  type: 'single' | 'multiple';
  options: number;
  /** Per group, per person: the chosen option indexes. */
  groups: number[][][];
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    type: fc.constantFrom('single' as const, 'multiple' as const),
    options: fc.integer({ min: 2, max: 5 }),
  })
  .chain(({ type, options }) => {
    const person =
      type === 'single'
        ? fc.integer({ min: 0, max: options - 1 }).map((o) => [o])
        : fc.uniqueArray(fc.integer({ min: 0, max: options - 1 }), {
            minLength: 1,
            maxLength: options,
          });
    // Department sizes skewed small: most breakdowns then have groups under k.
    const group = fc.array(person, { minLength: 1, maxLength: 14 });
    return fc
      .array(group, { minLength: 2, maxLength: 8 })
      .map((groups) => ({ type, options, groups }));
  });

function question(c: Case): Question {
  return questionSchema.parse({
    id: 'q1',
    type: c.type,
    title: '您对食堂的满意程度',
    options: Array.from({ length: c.options }, (_, i) => `选项${i + 1}`),
  });
}

/** The breakdown as results.ts builds it, from answer rows grouped as the SQL groups them. */
function breakdown(c: Case) {
  const q = question(c);
  const cells: Array<{
    group: string | null;
    optionIndex: number | null;
    valueNum: number | null;
    count: number;
  }> = [];
  const respondents: Array<{ group: string | null; count: number }> = [];
  const overall = new Map<number, number>();
  c.groups.forEach((people, g) => {
    respondents.push({ group: String(g), count: people.length });
    const counts = new Map<number, number>();
    for (const p of people) {
      for (const o of p) {
        counts.set(o, (counts.get(o) ?? 0) + 1);
        overall.set(o, (overall.get(o) ?? 0) + 1);
      }
    }
    for (const [o, n] of counts) {
      cells.push({ group: String(g), optionIndex: o, valueNum: null, count: n });
    }
  });
  const label = (g: string | null) => `部门${String(Number(g) + 10)}`;
  const raw = rawCrossTab(q, cells, respondents, label);
  const rows = applyToCrossTab(raw);
  const groups: AnswerCountRow[] = [...overall].map(([o, n]) => ({
    questionId: 'q1',
    optionIndex: o,
    rowIndex: null,
    valueNum: null,
    count: n,
  }));
  const total = c.groups.reduce((s, p) => s + p.length, 0);
  const shownQuestion = questionResult(q, groups, { respondents: total, anonymous: true });
  return { q, raw, rows, shownQuestion, total };
}

describe('the k rule on random breakdowns (property)', () => {
  it('shows no group under k and lets no hidden figure be recovered by subtraction', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { raw, rows, shownQuestion, total } = breakdown(c);
        // What the page shows of the whole: the question's answered and each option's count.
        expect(shownQuestion.answered).toBe(total);
        const shownTotals = shownQuestion.options!.map((o) => o.count);
        const hidden = rows.map((r, i) => ({ r, raw: raw[i]! })).filter((x) => x.r.suppressed);
        for (const [i, r] of rows.entries()) {
          expect(r.group).toBe(raw[i]!.group);
          if (r.suppressed) {
            expect(r.n).toBeNull();
            expect(r.counts.every((x) => x === null)).toBe(true);
          } else {
            expect(r.n).toBeGreaterThanOrEqual(K);
            expect(r.n).toBe(raw[i]!.n);
            expect(r.counts).toEqual(raw[i]!.counts);
          }
          if (raw[i]!.n < K) expect(r.suppressed).toBe(true);
        }
        if (!hidden.length) return;
        // Never exactly one hidden group; together the hidden groups hold at least k people.
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((s, x) => s + x.raw.n, 0)).toBeGreaterThanOrEqual(Math.min(K, total));
        // Unknowns: per hidden group its n, then its cells.
        const cols = c.options;
        const width = hidden.length * (cols + 1);
        const nVar = (h: number) => h * (cols + 1);
        const cellVar = (h: number, j: number) => h * (cols + 1) + 1 + j;
        const equations: number[][] = [];
        const eq = (vars: number[], coef: number[] = vars.map(() => 1)) => {
          const row = Array<number>(width).fill(0);
          vars.forEach((v, i) => (row[v] = coef[i]!));
          equations.push(row);
        };
        // Grand total minus the shown groups' n.
        eq(hidden.map((_, h) => nVar(h)));
        // Each option's overall count minus the shown cells of its column.
        for (let j = 0; j < cols; j++) eq(hidden.map((_, h) => cellVar(h, j)));
        // A single choice: a hidden row's cells add up to its (unknown) n.
        if (c.type === 'single') {
          hidden.forEach((_, h) =>
            eq(
              [nVar(h), ...Array.from({ length: cols }, (_, j) => cellVar(h, j))],
              [-1, ...Array<number>(cols).fill(1)],
            ),
          );
        }
        // The equations hold for the true figures (the system is the right one).
        const truth = hidden.flatMap((x) => [x.raw.n, ...x.raw.counts]);
        const shownN = rows.filter((r) => !r.suppressed).reduce((s, r) => s + r.n!, 0);
        expect(equations[0]!.reduce((s, a, i) => s + a * truth[i]!, 0)).toBe(total - shownN);
        for (let j = 0; j < cols; j++) {
          const shownCells = rows
            .filter((r) => !r.suppressed)
            .reduce((s, r) => s + r.counts[j]!, 0);
          expect(equations[1 + j]!.reduce((s, a, i) => s + a * truth[i]!, 0)).toBe(
            shownTotals[j]! - shownCells,
          );
        }
        for (let x = 0; x < width; x++) expect(determined(equations, x, width)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('the rank test does find a figure recovered by subtraction (the check can fail)', () => {
    // One hidden row: its n is the grand total minus the shown ones.
    expect(
      determined(
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
          [-1, 1, 1],
        ],
        0,
        3,
      ),
    ).toBe(true);
    // Two hidden rows of a two-option single choice: nothing is fixed.
    const two = [
      [1, 0, 0, 1, 0, 0],
      [0, 1, 0, 0, 1, 0],
      [0, 0, 1, 0, 0, 1],
      [-1, 1, 1, 0, 0, 0],
      [0, 0, 0, -1, 1, 1],
    ];
    for (let x = 0; x < 6; x++) expect(determined(two, x, 6)).toBe(false);
  });

  it('hides the same departments in the response rate, never one alone', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .record({
              invited: fc.integer({ min: 1, max: 40 }),
              frac: fc.double({ min: 0, max: 1, noNaN: true }),
            })
            .map(({ invited, frac }) => ({ invited, answered: Math.floor(invited * frac) })),
          { minLength: 2, maxLength: 10 },
        ),
        (deps) => {
          const shown = applyToRates(
            deps.map((d, i) => ({ departmentId: i + 1, name: `D${i}`, ...d })),
          );
          const hidden = shown.filter((s) => s.suppressed);
          for (const [i, s] of shown.entries()) {
            expect(s.invited).toBe(deps[i]!.invited);
            if (s.suppressed) expect([s.answered, s.rate]).toEqual([null, null]);
            else {
              expect(s.answered).toBeGreaterThanOrEqual(K);
              expect(s.answered).toBe(deps[i]!.answered);
            }
            if (deps[i]!.answered < K) expect(s.suppressed).toBe(true);
          }
          // The only equation is the total answered: one hidden department would be it.
          expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('exports exactly what the screen shows (the .xlsx under the same rule)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { q, rows, shownQuestion } = breakdown(c);
        const results: SurveyResults = {
          k: K,
          commentK: 10,
          rate: { invited: 0, answered: 0, rate: 0, byDepartment: [] },
          questions: [shownQuestion],
          crossTab: { by: 'department', questionId: q.id, columns: [...q.options], rows },
        };
        const file = await resultsWorkbook({ title: '问卷' }, results, 'en');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(file as unknown as ArrayBuffer);
        const sheet = wb.getWorksheet('Cross tab')!;
        const exported: ShownGroupRow[] = [];
        sheet.eachRow((row, i) => {
          if (i <= 2) return;
          const values = (row.values as unknown[]).slice(1);
          if (values.length < 2) return;
          const [group, n, ...counts] = values;
          if (typeof group !== 'string' || group.startsWith('Figures')) return;
          exported.push(
            typeof n === 'number'
              ? {
                  group,
                  n,
                  counts: counts.map((x) => (typeof x === 'number' ? x : 0)),
                  suppressed: false,
                }
              : { group, n: null, counts: counts.map(() => null), suppressed: true },
          );
          // A hidden row carries the note and not one number.
          if (typeof n !== 'number') {
            expect(n).toBe(`Fewer than ${K}: not shown`);
            expect(counts.filter((x) => typeof x === 'number')).toEqual([]);
          }
        });
        expect(exported.map((r) => [r.group, r.n, r.suppressed])).toEqual(
          rows.map((r) => [r.group, r.n, r.suppressed]),
        );
        for (const [i, r] of rows.entries()) {
          if (!r.suppressed) expect(exported[i]!.counts).toEqual(r.counts);
        }
      }),
      { numRuns: 25 },
    );
  });
});
