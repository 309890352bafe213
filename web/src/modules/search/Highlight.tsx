import { splitRanges } from './highlight';
import type { Range } from './types';

/** Plain text with its match ranges as <mark> elements; React escapes every piece (no HTML). */
export function Highlight({ text, ranges }: { text: string; ranges: readonly Range[] }) {
  return (
    <>
      {splitRanges(text, ranges).map((p) =>
        p.mark ? <mark key={p.at}>{p.text}</mark> : <span key={p.at}>{p.text}</span>,
      )}
    </>
  );
}
