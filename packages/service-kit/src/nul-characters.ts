import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { RequestValidationException } from './problem-details';

/**
 * Refuses a NUL character anywhere in a request's body, query or path (400 naming the field): Postgres
 * cannot store one in text, so it would otherwise fail the write as a 500 (found by the fuzz test).
 */
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const field = fieldWithNul(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (field !== undefined)
      throw new RequestValidationException([
        { field: field || metadata.type, reason: 'must not contain a NUL character' },
      ]);
    return value;
  }
}

function fieldWithNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = fieldWithNul(item, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = fieldWithNul(item, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
