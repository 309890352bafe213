import path from 'node:path';

/**
 * The files service's settings. Read here rather than in the shared config.ts (see the README's
 * configuration table): `LIANXIN_UPLOAD_MAX_BYTES` (default 20 MB a file).
 */
export interface FilesConfig {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** Largest total a zip-based upload (.docx, .xlsx) may declare once unpacked. */
  maxUnzippedBytes: number;
  /** Where the bytes live: `<dataDir>/files/ab/cd/<sha256>`. */
  root: string;
}

export function filesConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): FilesConfig {
  const raw = env.LIANXIN_UPLOAD_MAX_BYTES;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  const maxBytes = Number.isFinite(n) && n > 0 ? Math.floor(n) : 20 * 1024 * 1024;
  return {
    maxBytes,
    maxUnzippedBytes: Math.max(200 * 1024 * 1024, maxBytes * 10),
    root: path.join(dataDir, 'files'),
  };
}
