import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The bytes of files on disk, named by their SHA-256: `<root>/ab/cd/<sha256>`. Written to a
 * temporary file in the same folder, flushed, then renamed: a reader never sees half a file.
 * (An S3-compatible store is a later option behind these three functions.)
 */
export function blobPath(root: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
  return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Store the bytes unless already there. Returns whether this call created the file. */
export async function writeBlob(
  root: string,
  sha256: string,
  bytes: Buffer,
  mtime: Date,
): Promise<boolean> {
  const target = blobPath(root, sha256);
  if (fs.existsSync(target)) {
    // Re-dated to today, so that the sweep of unused bytes leaves them alone meanwhile.
    await fs.promises.utimes(target, mtime, mtime).catch(() => undefined);
    if (fs.existsSync(target)) return false;
  }
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fs.promises.open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The day only, like the row: the file system keeps no finer trace of an upload.
    await fs.promises.utimes(temp, mtime, mtime);
    await fs.promises.rename(temp, target);
    return true;
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}

export async function removeBlob(root: string, sha256: string): Promise<void> {
  await fs.promises.rm(blobPath(root, sha256), { force: true });
}
