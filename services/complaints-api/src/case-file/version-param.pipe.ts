import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationException } from '@complaints/service-kit';

/** The largest version Postgres stores (an `integer` column): anything above cannot exist. */
export const MAX_VERSION = 2_147_483_647;

/**
 * A saved version in a path (`…/drafts/{version}`): a whole number from 1 to MAX_VERSION, else 400. The
 * global validation pipe has already turned the segment into a number (`7`, and also `1e3`).
 */
@Injectable()
export class VersionParam implements PipeTransform<number | string, number> {
  transform(value: number | string): number {
    const version = Number(value);
    if (!(Number.isInteger(version) && version >= 1 && version <= MAX_VERSION))
      throw new RequestValidationException([
        { field: 'version', reason: `version must be a whole number from 1 to ${MAX_VERSION}` },
      ]);
    return version;
  }
}
