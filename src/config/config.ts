// Configuration is read from the environment and validated once at start-up. Every variable
// is optional; a bad value stops start-up with one line naming the variable.
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors/catalogue.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce
  .number({ message: 'expected a port number from 1 to 65535' })
  .int('expected a port number from 1 to 65535')
  .min(1, 'expected a port number from 1 to 65535')
  .max(65535, 'expected a port number from 1 to 65535');

const envSchema = z.object({
  ADEQUATE_DATA_DIR: z.string().min(1, 'expected a folder path').default('./data'),
  ADEQUATE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  ADEQUATE_HOST: z.string().min(1, 'expected a host name or IP address').default('127.0.0.1'),
  ADEQUATE_PORT: port.default(3000),
  ADEQUATE_LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** Set when the server is behind TLS (or a TLS-terminating proxy): cookies get Secure. */
  ADEQUATE_SECURE_COOKIES: z.enum(['true', 'false', '1', '0'], { message: 'expected true or false' }).optional(),
  ADEQUATE_TRUST_PROXY: z.enum(['true', 'false', '1', '0'], { message: 'expected true or false' }).default('false'),
  ADEQUATE_SESSION_HOURS: z.coerce
    .number({ message: 'expected a number of hours from 1 to 720' })
    .int()
    .min(1, 'expected a number of hours from 1 to 720')
    .max(720, 'expected a number of hours from 1 to 720')
    .default(12),
  /** First run: the admin's e-mail and password, and the organization's name. */
  ADEQUATE_ADMIN_EMAIL: z.email('expected an e-mail address').default('admin@adequate.local'),
  ADEQUATE_ADMIN_PASSWORD: z.string().min(10, 'expected at least 10 characters').optional(),
  ADEQUATE_ORG_NAME: z.string().trim().min(1).max(200).default('My Organization'),
  ADEQUATE_MAX_UPLOAD_MB: z.coerce
    .number({ message: 'expected a size in megabytes from 1 to 1024' })
    .min(1, 'expected a size in megabytes from 1 to 1024')
    .max(1024, 'expected a size in megabytes from 1 to 1024')
    .default(25),
});

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  secureCookies: boolean | 'auto';
  trustProxy: boolean;
  sessionHours: number;
  maxUploadBytes: number;
  adminEmail: string;
  adminPassword: string | undefined;
  orgName: string;
}

const truthy = (v: string): boolean => v === 'true' || v === '1';

/** Validates the environment; throws CONFIG_INVALID with a one-line message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new AppError(
      'CONFIG_INVALID',
      `Invalid configuration: ${variable}=${JSON.stringify(picked[variable] ?? '')}: ${issue?.message ?? 'invalid value'}.`,
    );
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.ADEQUATE_DATA_DIR),
    databaseUrl: e.ADEQUATE_DATABASE_URL,
    host: e.ADEQUATE_HOST,
    port: e.ADEQUATE_PORT,
    logLevel: e.ADEQUATE_LOG_LEVEL,
    secureCookies: e.ADEQUATE_SECURE_COOKIES === undefined ? 'auto' : truthy(e.ADEQUATE_SECURE_COOKIES),
    trustProxy: truthy(e.ADEQUATE_TRUST_PROXY),
    sessionHours: e.ADEQUATE_SESSION_HOURS,
    maxUploadBytes: Math.round(e.ADEQUATE_MAX_UPLOAD_MB * 1024 * 1024),
    adminEmail: e.ADEQUATE_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.ADEQUATE_ADMIN_PASSWORD,
    orgName: e.ADEQUATE_ORG_NAME,
  };
}
