import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/staff-auth.guard';
import { ProblemException } from '../problem-details';
import { FixedWindowLimiter } from './fixed-window';

/** Kinds of endpoint with their own budget: recording complaints, and building PDFs (costly to render). */
export type RateLimitKind = 'standard' | 'intake' | 'pdf';

export type RateLimits = Record<RateLimitKind, number>;

export const RATE_LIMITS = Symbol('RATE_LIMITS');
const KIND = 'rateLimitKind';

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

/** A request another sign-in (a partner's, ADR 0019) named its caller on, for their own budget. */
export type RateLimitedRequest = AuthenticatedRequest & { rateLimitCaller?: string };

/**
 * Per member of staff, or per caller another sign-in named (per address before sign-in), a fixed one-minute window per kind. It runs after
 * StaffAuthGuard, so the caller is known. Counts are per process: N replicas allow N times the budget,
 * which is still a bound; a gateway in front can enforce a shared one.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter = new FixedWindowLimiter();

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
    const caller = request.staff
      ? `staff:${request.staff.id}`
      : ((request as RateLimitedRequest).rateLimitCaller ?? `address:${request.ip}`);
    const verdict = this.limiter.hit(`${kind}|${caller}`, this.limits[kind]);
    if (verdict.allowed) return true;
    const retryAfter = verdict.retryAfterSeconds;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new ProblemException({
      status: 429,
      title: 'Too many requests',
      detail: `more than ${this.limits[kind]} ${WHAT[kind]} a minute: try again in ${retryAfter} s`,
    });
  }
}
