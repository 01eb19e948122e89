import type { z } from 'zod';

const secretKeys = new WeakSet<z.ZodTypeAny>();

/** Marks a configuration value as a secret: never printed, not in error messages. */
export function secret<T extends z.ZodTypeAny>(schema: T): T {
  secretKeys.add(schema);
  return schema;
}

/** A secret stays one when wrapped later (`.optional()`, `.default()`, `.refine()`…). */
export function isSecret(schema: z.ZodTypeAny | undefined): boolean {
  for (let current: z.ZodTypeAny | undefined = schema; current;) {
    if (secretKeys.has(current)) return true;
    const def = current._def as { innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny };
    current = def.innerType ?? def.schema;
  }
  return false;
}

export const REQUIRED_KEY =
  'is required (npm start and npm test make one under .data/; production sets its own)';
// Keys that were once defaults in this repository's source, so anyone can sign or decrypt with them.
export const PUBLISHED_KEYS = [
  'development-only-secret-change-me-in-production',
  'ZGV2ZWxvcG1lbnQtb25seS1wYXlsb2FkLWtleS0zMiE=',
];
export const PUBLISHED = 'is a key published in the source code: set a key of your own';
