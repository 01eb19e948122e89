// The request body a newcomer gets from "Try it out" in the Swagger UI of a service, built by the rules
// Swagger UI follows: the media type's example, else the schema's example, default or first enum value,
// else a placeholder by type and format, with every property filled in (optional ones too).

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  items?: Schema;
  minItems?: number;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  readOnly?: boolean;
};

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: Schema; example?: unknown }[];
  requestBody?: {
    content: Record<
      string,
      { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }
    >;
  };
  responses: Record<string, unknown>;
}

/** Every operation of the document that takes a JSON body, with the body Swagger UI would offer. */
export function documentedRequestExamples(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => {
      const media = operation.requestBody?.content['application/json'];
      if (!media) return [];
      const named = media.examples ? Object.values(media.examples)[0]?.value : undefined;
      const body = media.example ?? named ?? sample(document, media.schema ?? {});
      return [{ method, path, operation, body }];
    }),
  );
}

const today = () => new Date().toISOString().slice(0, 10);

const PLACEHOLDERS: Record<string, () => unknown> = {
  email: () => 'user@example.com',
  date: today,
  'date-time': () => new Date().toISOString(),
  uuid: () => '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  uri: () => 'https://example.com/',
};

export function sample(document: OpenApiDocument, schema: Schema, depth = 0): unknown {
  if (schema.$ref) return sample(document, resolve(document, schema.$ref), depth);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.allOf)
    return Object.assign({}, ...schema.allOf.map((part) => sample(document, part, depth) as object));
  const choice = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (choice) return sample(document, choice, depth);
  if (depth > 8) return undefined;
  const type = schema.type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([, property]) => !property.readOnly)
          .map(([name, property]) => [name, sample(document, property, depth + 1)]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sample(document, schema.items ?? {}, depth + 1),
      );
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'string':
      return PLACEHOLDERS[schema.format ?? '']?.() ?? 'string';
    default:
      return {};
  }
}

function resolve(document: OpenApiDocument, ref: string): Schema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = document.components?.schemas?.[name];
  if (!schema) throw new Error(`unresolved $ref ${ref}`);
  return schema;
}
