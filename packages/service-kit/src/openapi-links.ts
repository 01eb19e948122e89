import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  responses?: Record<string, Response>;
};
type Response = {
  content?: Record<string, { schema?: Schema }>;
  links?: Record<string, { operationId: string; parameters: Record<string, string> }>;
};
type Schema = { $ref?: string; properties?: Record<string, unknown> };

/**
 * OpenAPI links from every POST's success answer to each operation whose path parameters it can fill:
 * from the answer's body (`reference` of a new complaint, `version` of a saved draft) or from the POST's
 * own path (`$request.path.reference`). They tell a client, and the fuzzer, how to reach a resource just
 * made; new operations are linked without being listed anywhere.
 */
export function addResourceLinks(document: OpenAPIObject): OpenAPIObject {
  const operations: { path: string; method: string; operation: Operation; pathParameters: string[] }[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!operation?.responses) continue;
      const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      operations.push({ path, method, operation, pathParameters });
    }
  }
  for (const source of operations.filter((candidate) => candidate.method === 'post')) {
    for (const [status, response] of Object.entries(source.operation.responses ?? {})) {
      if (!/^2\d\d$/.test(status)) continue;
      const body = bodyProperties(document, response);
      const links: NonNullable<Response['links']> = {};
      for (const target of operations) {
        if (target === source || !target.operation.operationId || target.pathParameters.length === 0)
          continue;
        if (!target.pathParameters.some((name) => body.includes(name))) continue;
        const parameters: Record<string, string> = {};
        for (const name of target.pathParameters) {
          if (body.includes(name)) parameters[name] = `$response.body#/${name}`;
          else if (source.pathParameters.includes(name)) parameters[name] = `$request.path.${name}`;
        }
        if (Object.keys(parameters).length === target.pathParameters.length)
          links[target.operation.operationId] = { operationId: target.operation.operationId, parameters };
      }
      if (Object.keys(links).length > 0) response.links = { ...links, ...response.links };
    }
  }
  return document;
}

function bodyProperties(document: OpenAPIObject, response: Response): string[] {
  const schema = response.content?.['application/json']?.schema;
  const resolved = schema?.$ref
    ? (document.components?.schemas?.[schema.$ref.split('/').pop()!] as Schema | undefined)
    : schema;
  return Object.keys(resolved?.properties ?? {});
}
