import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
};

const PROBLEM_CONTENT = {
  'application/problem+json': {
    schema: {
      type: 'object',
      required: ['type', 'title', 'status'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        limit: { type: 'integer', description: 'On a 413: the most bytes this endpoint accepts in a body' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'reason'],
            properties: { field: { type: 'string' }, reason: { type: 'string' } },
          },
        },
      },
    },
  },
};

/**
 * The answers every service gives before a route's own code runs, added to each operation that can get
 * them unless it documents them itself: 400 from validation (an operation with parameters or a body;
 * `errors` names each field), 413 and 415 from the body parser, and 401 and 429 from the token check and the rate
 * limit of a secured operation. So the document tells clients (and the fuzzer) every status they may
 * receive, new operations included.
 */
export function documentSharedProblems(document: OpenAPIObject): OpenAPIObject {
  const secured = (operation: Operation) =>
    (operation.security ?? document.security ?? []).some(
      (requirement) => Object.keys(requirement as object).length > 0,
    );
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (!operation?.responses) continue;
      const add = (status: string, description: string) => {
        operation.responses![status] ??= { description, content: PROBLEM_CONTENT };
      };
      if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody)
        add('400', 'Invalid request: `errors` names each field and the reason');
      if (operation.requestBody)
        add('413', 'The body is larger than the service accepts; `limit` says how many bytes it does');
      if (secured(operation)) {
        add('401', 'No valid staff token');
        add('429', 'Over the rate limit; `Retry-After` says when to try again');
      }
    }
  }
  return document;
}
