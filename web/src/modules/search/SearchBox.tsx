/** The one search box of the shell (built with the search service). */
export function SearchBox(_props: { compact?: boolean }) {
  return null;
}
