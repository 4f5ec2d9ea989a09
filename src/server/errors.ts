// Maps every error to one JSON shape and status, once. Users see what was wrong and how to
// fix it; internals (stack traces, SQL) go to the log only.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isAppError } from '../errors/catalogue.js';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    details?: Record<string, unknown>;
    requestId: string;
  };
}

function zodPath(instancePath: string): string {
  return instancePath
    .replace(/^\//, '')
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/\//g, '.');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = String(request.id);
    if (isAppError(error)) {
      if (error.httpStatus >= 500) request.log.error({ err: error }, error.message);
      const body: ErrorBody = { error: { code: error.code, message: error.message, requestId } };
      if (error.issues.length) body.error.issues = error.issues;
      if (error.details) body.error.details = error.details;
      return reply.status(error.httpStatus).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath ? '.' + zodPath(v.instancePath) : ''}`,
        message: v.message ?? 'invalid value',
      }));
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: `The request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
          issues,
          requestId,
        },
      } satisfies ErrorBody);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send({
        error: { code: 'INTERNAL', message: `Something went wrong on our side (request ${requestId}); it has been logged.`, requestId },
      });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type, body too large): pass the reason on.
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      const hint = status === 415 ? ' Send JSON with Content-Type: application/json.' : status === 413 ? ' Send a smaller body.' : '';
      return reply.status(status).send({ error: { code, message: `${error.message}.${hint}`.replace('..', '.'), requestId } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: `Something went wrong on our side (request ${requestId}); it has been logged.`, requestId },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `There is no ${request.method} ${request.url.split('?')[0]}; see /api/docs for the routes.`,
        requestId: String(request.id),
      },
    });
  });
}
