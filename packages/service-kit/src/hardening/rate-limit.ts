import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/staff-auth.guard';
import { ProblemException } from '../problem-details';

/** Kinds of endpoint with their own budget: recording complaints, and building PDFs (costly to render). */
export type RateLimitKind = 'standard' | 'intake' | 'pdf';

export type RateLimits = Record<RateLimitKind, number>;

export const RATE_LIMITS = Symbol('RATE_LIMITS');
const KIND = 'rateLimitKind';
const WINDOW_MS = 60_000;

/** Puts an endpoint on a tighter budget than the standard one. */
export const RateLimit = (kind: Exclude<RateLimitKind, 'standard'>) => SetMetadata(KIND, kind);

/** The budget an endpoint (a controller method) is on. */
export function rateLimitKindOf(handler: object): RateLimitKind {
  return (Reflect.getMetadata(KIND, handler) as RateLimitKind | undefined) ?? 'standard';
}

export function rateLimitsOf(config: {
  RATE_LIMIT_PER_MINUTE: number;
  RATE_LIMIT_INTAKE_PER_MINUTE: number;
  RATE_LIMIT_PDF_PER_MINUTE: number;
}): RateLimits {
  return {
    standard: config.RATE_LIMIT_PER_MINUTE,
    intake: config.RATE_LIMIT_INTAKE_PER_MINUTE,
    pdf: config.RATE_LIMIT_PDF_PER_MINUTE,
  };
}

const WHAT: Record<RateLimitKind, string> = {
  standard: 'requests',
  intake: 'complaints recorded',
  pdf: 'PDFs built',
};

/**
 * Per member of staff (per address before sign-in), a fixed one-minute window per kind. It runs after
 * StaffAuthGuard, so the caller is known. Counts are per process: N replicas allow N times the budget,
 * which is still a bound; a gateway in front can enforce a shared one.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const kind =
      this.reflector.getAllAndOverride<RateLimitKind | undefined>(KIND, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'standard';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = request.staff ? `staff:${request.staff.id}` : `address:${request.ip}`;
    const now = Date.now();
    const key = `${kind}|${caller}`;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      if (this.windows.size > 50_000) this.sweep(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limits[kind]) return true;
    const retryAfter = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new ProblemException({
      status: 429,
      title: 'Too many requests',
      detail: `more than ${this.limits[kind]} ${WHAT[kind]} a minute: try again in ${retryAfter} s`,
    });
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}
