import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FixedWindowLimiter } from '@complaints/service-kit';

export const LIMIT_SETTINGS = Symbol('LIMIT_SETTINGS');

export interface LimitSettings {
  pagesPerMinute: number;
  submissionsPerHour: number;
  organisationSubmissionsPerHour: number;
  codeAttemptsPerHour: number;
}

/** Too many requests, with the wait, shown as the error page. */
export class TooManyRequests extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests', 429);
  }
}

/**
 * The public site's limits, on the service kit's fixed windows: pages per address per minute, forms sent
 * per address per organisation per hour, and forms sent to one organisation per hour from everyone (so a
 * flood from many addresses cannot bury a complaints team). Per process, like the staff limits.
 */
@Injectable()
export class PublicLimits {
  private readonly pages = new FixedWindowLimiter(60_000);
  private readonly submissions = new FixedWindowLimiter(3_600_000);
  private readonly codeAttempts = new FixedWindowLimiter(3_600_000);

  constructor(@Inject(LIMIT_SETTINGS) private readonly settings: LimitSettings) {}

  page(request: Request, response: Response): void {
    this.enforce(response, this.pages.hit(`address:${request.ip}`, this.settings.pagesPerMinute));
  }

  submission(request: Request, response: Response, organisation: string): void {
    this.enforce(
      response,
      this.submissions.hit(`address:${request.ip}|${organisation}`, this.settings.submissionsPerHour),
    );
    this.enforce(
      response,
      this.submissions.hit(`organisation:${organisation}`, this.settings.organisationSubmissionsPerHour),
    );
  }

  /**
   * ADR 0028: a progress code tried, per address and per reference (so many addresses together cannot guess
   * one complaint's code). Counted before the code is checked, so right and wrong tries count alike.
   */
  codeAttempt(request: Request, response: Response, reference: string): void {
    const limit = this.settings.codeAttemptsPerHour;
    this.enforce(response, this.codeAttempts.hit(`address:${request.ip}`, limit));
    this.enforce(response, this.codeAttempts.hit(`reference:${reference.trim().toUpperCase()}`, limit));
  }

  private enforce(response: Response, verdict: ReturnType<FixedWindowLimiter['hit']>): void {
    if (verdict.allowed) return;
    response.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    throw new TooManyRequests(verdict.retryAfterSeconds);
  }
}

/** The honeypot: a field hidden from people (and from assistive technology) that only a bot fills in. */
export const HONEYPOT = 'website';

export class HoneypotFilled extends HttpException {
  constructor() {
    super('form not accepted', 400);
  }
}

export function checkHoneypot(body: Record<string, unknown>): void {
  const value = body[HONEYPOT];
  if (typeof value === 'string' ? value !== '' : value !== undefined) throw new HoneypotFilled();
}
