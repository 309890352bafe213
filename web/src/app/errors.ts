import { translate, type Locale } from '@lianxin/common';
import { ApiError } from './api';

/** True for a failed dynamic import: a deployment replaced the chunks, or the network dropped. */
export function isChunkLoadError(err: unknown): boolean {
  return (
    err instanceof Error &&
    /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
      err.message,
    )
  );
}

/** The sentence to show for an error, in the page's language, from the API's stable code. */
export function errorText(locale: Locale, err: unknown): string {
  if (err instanceof ApiError) return translate(locale, `error.${err.code}`);
  if (isChunkLoadError(err)) return translate(locale, 'error.CHUNK_LOAD');
  return translate(locale, 'error.UNEXPECTED');
}
