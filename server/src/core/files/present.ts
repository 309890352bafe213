import type { AttachmentRow } from './repository.js';
import { PREVIEWABLE } from './sniff.js';

/** An attachment as the API shows it: no uploader, no record, no storage path. */
export function presentAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    mime: row.mime,
    sha256: row.sha256,
    abilities: { download: true, preview: PREVIEWABLE.has(row.mime) },
  };
}
