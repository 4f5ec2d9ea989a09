// Opens everything a process needs, once: validated config, logger, database (migrated).
import { pino, type Logger } from 'pino';
import { loadConfig, type Config } from '../config/config.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import type { AppContext } from './context.js';

export function createLogger(config: Config, opts: { toStderr?: boolean; level?: string } = {}): Logger {
  return pino(
    { level: opts.level ?? config.logLevel, base: { app: 'adequate' }, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    opts.toStderr ? pino.destination(2) : pino.destination(1),
  );
}

export async function openContext(opts: { config?: Config; logger?: Logger; migrate?: boolean } = {}): Promise<AppContext> {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger(config, { toStderr: true, level: 'warn' });
  const db = openDatabase(config);
  try {
    if (opts.migrate !== false) {
      const { applied } = await migrateToLatest(db);
      if (applied.length) logger.info({ applied }, 'database migrated');
    }
  } catch (e) {
    await db.close();
    throw e;
  }
  return { config, db, logger };
}
