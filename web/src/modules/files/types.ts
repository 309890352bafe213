/** An attachment as the API returns it (server/src/core/files/present.ts). */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  abilities: { download: boolean; preview: boolean };
}

/** What the server accepts (it checks the content; this only spares a useless upload). */
export const ATTACHMENT_ACCEPT =
  '.jpg,.jpeg,.png,.gif,.webp,.pdf,.docx,.xlsx,.txt,.csv,.tsv,.md,.log';

const EXTENSION = /\.(jpe?g|jpe|jfif|png|gif|webp|pdf|docx|xlsx|txt|text|csv|tsv|md|log)$/i;

/** A name the server may accept: one of the extensions above, or none at all. */
export function acceptableName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || EXTENSION.test(name);
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** 20 MB, 340 KB, 12 B. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
export const previewUrl = (id: string) => `/api/files/${encodeURIComponent(id)}/preview`;
