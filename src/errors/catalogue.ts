// One typed error catalogue, mapped once to an HTTP status (server/errors.ts) and a CLI
// exit code (cli/run.ts). Every message says what was wrong and how to fix it.

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'UNPROCESSABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'INTEGRITY_BROKEN'
  | 'INTERNAL';

export interface ErrorIssue {
  path: string;
  message: string;
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  CONFIG_INVALID: 500,
  USAGE: 400,
  INTEGRITY_BROKEN: 500,
  INTERNAL: 500,
};

/** CLI exit codes: 1 failure, 2 usage error (3 is reserved for "gaps found" in analyze). */
const EXIT_CODE: Record<ErrorCode, number> = {
  BAD_REQUEST: 2,
  VALIDATION_FAILED: 1,
  UNAUTHENTICATED: 1,
  FORBIDDEN: 1,
  NOT_FOUND: 1,
  CONFLICT: 1,
  VERSION_CONFLICT: 1,
  UNPROCESSABLE: 1,
  PAYLOAD_TOO_LARGE: 1,
  CONFIG_INVALID: 1,
  USAGE: 2,
  INTEGRITY_BROKEN: 1,
  INTERNAL: 1,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[];
  /** Extra data for the client, e.g. the current row on a version conflict. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: ErrorIssue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  get exitCode(): number {
    return EXIT_CODE[this.code];
  }
}

export const badRequest = (message: string, issues?: ErrorIssue[]): AppError => new AppError('BAD_REQUEST', message, { issues });
export const validationFailed = (message: string, issues: ErrorIssue[]): AppError => new AppError('VALIDATION_FAILED', message, { issues });
export const unauthenticated = (message = 'Sign in first: send a session cookie or an Authorization: Bearer token.'): AppError =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message: string): AppError => new AppError('FORBIDDEN', message);
export const notFound = (what: string, id: string): AppError =>
  new AppError('NOT_FOUND', `No ${what} with id "${id}" in your organization; check the id (list them with GET) and try again.`);
export const conflict = (message: string): AppError => new AppError('CONFLICT', message);
export const versionConflict = (what: string, sent: number, current: Record<string, unknown>): AppError =>
  new AppError(
    'VERSION_CONFLICT',
    `This ${what} was changed by someone else (you sent version ${sent}, it is now at version ${String(current['version'])}); reload it, reapply your change and send the current version.`,
    { details: { current } },
  );
export const unprocessable = (message: string, issues: ErrorIssue[]): AppError => new AppError('UNPROCESSABLE', message, { issues });
export const usage = (message: string): AppError => new AppError('USAGE', message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
