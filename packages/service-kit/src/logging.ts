import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

/**
 * Structured JSON logs, one line per request with a request ID (taken from `X-Request-Id` or generated,
 * and echoed back). Only method, path, status and timing are logged: never bodies, query strings or
 * headers, which may carry personal data or credentials. The staff id of the caller (never a name) is on each
 * request's line, so a request log can be matched to the access log.
 */
export function loggingModule(
  service: string,
  level: string,
  options: {
    /** The path as logged (default: without its query string); a service whose paths hold a secret redacts it. */
    logPath?: (url: string) => string;
  } = {},
) {
  const logPath = options.logPath ?? ((url: string) => url.split('?')[0]);
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { service },
      genReqId: (request: IncomingMessage, response) => {
        const given = request.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          path: logPath(request.url),
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      customProps: (request: IncomingMessage & { staff?: { id?: unknown } }) =>
        typeof request.staff?.id === 'string' ? { staffId: request.staff.id } : {},
      autoLogging: { ignore: (request) => request.url === '/health' },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    },
  });
}
