/**
 * Dates as people in the unit read them: Beijing time (Asia/Shanghai, no daylight saving),
 * written the same way in both languages: 2026-11-27 15:04.
 */
export const TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function shanghaiParts(value: string | number | Date): Parts | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(date)) parts[p.type] = p.value;
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** `2026-11-27 15:04` (or with seconds); '—' for nothing, the input itself if unreadable. */
export function formatDateTime(
  value: string | null | undefined,
  opts: { seconds?: boolean } = {},
): string {
  if (!value) return '—';
  const p = shanghaiParts(value);
  if (!p) return value;
  const time = `${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ''}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** `2026-11-27`, the Beijing calendar date of an instant. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const p = shanghaiParts(value);
  if (!p) return String(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today's date in Beijing, `YYYY-MM-DD`, whatever the browser's own time zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return formatDate(now);
}
