import { z } from 'zod';

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(100_000).default(fallback);

/** Requests per member of staff per minute, by kind of endpoint (see `RateLimit`). */
export const rateLimitConfig = {
  RATE_LIMIT_PER_MINUTE: perMinute(600).describe('requests a member of staff may make per minute'),
  RATE_LIMIT_INTAKE_PER_MINUTE: perMinute(60).describe('complaints a member of staff may record per minute'),
  RATE_LIMIT_PDF_PER_MINUTE: perMinute(20).describe(
    'PDFs (a letter, an Ombudsman pack) a member of staff may have built per minute',
  ),
};
