import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Db } from '../db/connect.js';

/** What every service needs: configuration, the database and a logger. */
export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
}
