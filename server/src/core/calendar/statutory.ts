import { createRequire } from 'node:module';
import type { DayKind } from './working-days.js';

/**
 * The State Council's holiday arrangements as the `chinese-days` package publishes them: statutory
 * holidays (weekend days inside a holiday week included) and make-up working days (调休).
 * Values are "English name,中文名,days".
 */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)(
  'chinese-days/dist/chinese-days.json',
) as ChineseDaysData;

export interface StatutoryDay {
  date: string;
  kind: DayKind;
  name: string;
}

const chineseName = (value: string) => value.split(',')[1] ?? value;

/** The statutory days of one year, sorted; empty when the arrangement is not yet published. */
export function statutoryDays(year: number): StatutoryDay[] {
  const prefix = `${year}-`;
  const out: StatutoryDay[] = [];
  for (const [date, v] of Object.entries(data.holidays)) {
    if (date.startsWith(prefix)) out.push({ date, kind: 'holiday', name: chineseName(v) });
  }
  for (const [date, v] of Object.entries(data.workdays)) {
    if (date.startsWith(prefix)) out.push({ date, kind: 'workday', name: chineseName(v) });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
