/**
 * Privacy of published text (mechanisms.md §2): names masked on sensitive notices, and ID or
 * mobile numbers refused from every notice.
 */

/** 张*明: keep the first and last character, one * per hidden one; 张* for two characters. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * The name to store when the office edits an item of a sensitive notice: the office sees names
 * masked once published, so a name sent back exactly as its mask means "unchanged".
 */
export function editedName(sensitive: boolean, stored: string, sent: string): string {
  return sensitive && sent !== stored && sent === maskName(stored) ? stored : sent;
}

// 18-digit resident ID (last character a digit or X), or the old 15-digit one; a mainland
// mobile number 1[3-9] + 9 digits. Not part of a longer run of digits.
const ID_18 = /(?<![0-9])[1-9]\d{16}[\dXx](?![0-9Xx])/;
const ID_15 = /(?<![0-9])[1-9]\d{14}(?![0-9Xx])/;
const MOBILE = /(?<![0-9])1[3-9]\d{9}(?![0-9])/;

/** Whether the text holds an ID card number or a mobile number. */
export function hasSensitiveNumber(text: string): boolean {
  // Spaces and dashes inside a number (1380-0000-000) do not hide it.
  const compact = text.replace(/(?<=\d)[\s-](?=\d)/g, '');
  return ID_18.test(compact) || ID_15.test(compact) || MOBILE.test(compact);
}

/** The first field (in the given order) holding such a number, or null. */
export function firstSensitiveField(fields: Array<[string, string]>): string | null {
  for (const [field, text] of fields) if (hasSensitiveNumber(text)) return field;
  return null;
}
