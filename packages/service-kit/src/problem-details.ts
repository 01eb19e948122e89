import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { Request, Response } from 'express';

/** One invalid field of a request: where and why (RFC 9457 extension member `errors`). */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** RFC 9457 problem details. `rule` names the procedure rule behind a refusal, where there is one. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  rule?: string;
  [extension: string]: unknown;
}

export class ProblemException extends HttpException {
  /**
   * @param retryAfterSeconds for a 503 or 429 the client may repeat, the `Retry-After` header's seconds
   */
  constructor(
    problem: {
      status: number;
      title: string;
      detail?: string;
      rule?: string;
      type?: string;
      errors?: FieldProblem[];
    },
    readonly retryAfterSeconds?: number,
  ) {
    super({ type: 'about:blank', ...problem }, problem.status);
  }
}

/**
 * Flattens class-validator errors into `{ field: 'complainant.email', reason: '…' }`, the real problem
 * first: a missing field is reported once as missing (not as too short, too long and of the wrong
 * type), and a value of the wrong type is reported as such before any limit it breaks.
 */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const own =
      error.value === undefined || error.value === null
        ? constraints.length > 0
          ? [{ field, reason: error.constraints?.isDefined ?? `${field} is required` }]
          : []
        : constraints
            .sort(([a], [b]) => constraintRank(a) - constraintRank(b))
            .map(([, reason]) => ({ field, reason }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

// Type checks (isString, isArray, isInt …) before the limits they make meaningful.
function constraintRank(name: string): number {
  if (name === 'whitelistValidation') return 0;
  return /^is[A-Z]/.test(name) ? 1 : 2;
}

export class RequestValidationException extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super('request validation failed');
  }
}

/** Every error leaves as application/problem+json; unexpected errors are logged without request data. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = this.toProblem(exception);
    problem.instance ??= request.originalUrl?.split('?')[0];
    if (exception instanceof ProblemException && exception.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof RequestValidationException) {
      return {
        type: 'about:blank',
        title: 'Invalid request',
        status: 400,
        detail: exception.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        errors: exception.problems,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'title' in body) return body as ProblemDetails;
      const message = typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
      // The JSON body parser's message quotes part of the body, which may be personal data.
      if (status === 400 && typeof message === 'string' && /JSON/.test(message)) {
        return {
          type: 'about:blank',
          title: 'Invalid request',
          status,
          detail: 'the request body is not valid JSON',
        };
      }
      return {
        type: 'about:blank',
        title:
          status === 400
            ? 'Invalid request'
            : (HttpStatus[status]
                ?.replace(/_/g, ' ')
                .toLowerCase()
                .replace(/^\w/, (c) => c.toUpperCase()) ?? 'Error'),
        status,
        detail: Array.isArray(message) ? message.join('; ') : message,
      };
    }
    // Errors of the HTTP body parser (raw-body / body-parser) carry a 4xx status and a `type`.
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return bodyParserProblem(status, exception as BodyParserError);
    }
    // Not an HTTP error: log the type and stack only (messages may quote stored data), answer 500.
    const error = exception as Error;
    this.logger.error(
      { err: { type: error?.name, stack: error?.stack?.split('\n').slice(1, 6).join('\n') } },
      'unhandled error',
    );
    return {
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
    };
  }
}

interface BodyParserError {
  type?: string;
  limit?: number;
  length?: number;
  charset?: string;
  encoding?: string;
}

/**
 * A body the parser refused, said in its own terms (issue #12 point 12): a body too large names the limit in
 * bytes, so the caller knows what to send; nothing of the body itself is quoted (it may be personal data).
 */
function bodyParserProblem(status: number, error: BodyParserError): ProblemDetails {
  if (status === 413) {
    const limit = typeof error.limit === 'number' ? error.limit : undefined;
    const length = typeof error.length === 'number' ? error.length : undefined;
    return {
      type: 'about:blank',
      title: 'Payload too large',
      status,
      detail:
        limit === undefined
          ? 'the request body is larger than this endpoint accepts'
          : `the request body is ${length === undefined ? 'over' : `${length} bytes, over`} the limit of ${limit} bytes (${Math.floor(limit / 1024)} KiB)`,
      ...(limit === undefined ? {} : { limit }),
    };
  }
  const detail =
    error.type === 'charset.unsupported'
      ? 'the request body’s charset is not supported: send UTF-8'
      : error.type === 'encoding.unsupported'
        ? 'the request body’s Content-Encoding is not supported: send it uncompressed, gzip or deflate'
        : error.type === 'request.aborted' || error.type === 'request.size.invalid'
          ? 'the request body ended before its Content-Length'
          : 'the request body is not valid JSON';
  return {
    type: 'about:blank',
    title: status === 415 ? 'Unsupported media type' : 'Invalid request',
    status,
    detail,
  };
}
