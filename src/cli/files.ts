// File I/O for CLI commands: reads that fail with a message naming the file, and writes
// that never leave half a file behind.
import fs from 'node:fs';
import { AppError } from '../errors/catalogue.js';

export function readFileOrFail(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new AppError('NOT_FOUND', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}; check the path.`);
  }
}

export const readTextOrFail = (file: string): string => readFileOrFail(file).toString('utf8');

/** Writes then renames, so a reader never sees half a file. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
