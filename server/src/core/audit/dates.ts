/** The UTC instant at which a calendar day starts in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDayStart(day: string, addDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + addDays, -8)).toISOString();
}
