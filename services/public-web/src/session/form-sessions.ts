import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Answers } from '../form/answers';
import { checkHoneypot } from '../hardening/public-limits';

export const SESSION_SETTINGS = Symbol('SESSION_SETTINGS');

export interface SessionSettings {
  idleMinutes: number;
  secureCookie: boolean;
}

/** What was sent, for the confirmation page (and a repeated submit, which shows it again). */
export interface Sent {
  reference: string;
  purpose: Answers['purpose'];
  acknowledgementDue?: string;
  receivedOn: string;
}

/** One organisation's form in progress. */
export interface FormState {
  answers: Answers;
  /** Pages the person has been through: an optional page counts as answered once seen. */
  seen: string[];
  /** Sent as Idempotency-Key: one form, one complaint, however often it is submitted. */
  idempotencyKey: string;
  sent?: Sent;
}

interface Session {
  csrfToken: string;
  forms: Map<string, FormState>;
  /** The progress link the person followed, per organisation, so its secret leaves the address bar. */
  progressLinks: Map<string, string>;
  /** The experience survey's link, per organisation, likewise (ADR 0023). */
  surveyLinks: Map<string, string>;
  lastUsed: number;
}

const COOKIE = 'complaint-form';
const MAX_SESSIONS = 20_000;

/**
 * Forms in progress, in this process's memory only, behind a random cookie: the answers never reach a URL,
 * a log or the browser's storage, and are gone an hour after the last page (ADR 0022). Each session has a
 * CSRF token every form posts back.
 */
@Injectable()
export class FormSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(@Inject(SESSION_SETTINGS) private readonly settings: SessionSettings) {}

  /** The caller's session, made (and its cookie set) on first use. */
  sessionOf(request: Request, response: Response): Session {
    const now = Date.now();
    const id = cookie(request, COOKIE);
    const existing = id ? this.sessions.get(id) : undefined;
    if (existing && now - existing.lastUsed < this.settings.idleMinutes * 60_000) {
      existing.lastUsed = now;
      return existing;
    }
    if (id) this.sessions.delete(id);
    if (this.sessions.size >= MAX_SESSIONS) this.sweep(now);
    const fresh: Session = {
      csrfToken: randomBytes(32).toString('base64url'),
      forms: new Map(),
      progressLinks: new Map(),
      surveyLinks: new Map(),
      lastUsed: now,
    };
    const newId = randomBytes(32).toString('base64url');
    this.sessions.set(newId, fresh);
    response.cookie(COOKIE, newId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.settings.secureCookie,
      path: '/',
    });
    return fresh;
  }

  /** The organisation's form, begun afresh when there is none (or the last one was sent). */
  formOf(session: Session, organisation: string, fresh = false): FormState {
    let form = session.forms.get(organisation);
    if (!form || fresh) {
      form = { answers: {}, seen: [], idempotencyKey: randomUUID() };
      session.forms.set(organisation, form);
    }
    return form;
  }

  /** Every POST: the session's CSRF token, and the honeypot field left empty. */
  checkPost(session: Session, body: Record<string, unknown>): void {
    this.checkCsrf(session, body);
    checkHoneypot(body);
  }

  /** Every POST carries the session's token (synchroniser token pattern). */
  private checkCsrf(session: Session, body: Record<string, unknown>): void {
    const given = typeof body._csrf === 'string' ? Buffer.from(body._csrf) : Buffer.alloc(0);
    const expected = Buffer.from(session.csrfToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new ForbiddenException('csrf');
  }

  private sweep(now: number): void {
    const idle = this.settings.idleMinutes * 60_000;
    for (const [id, session] of this.sessions) if (now - session.lastUsed >= idle) this.sessions.delete(id);
    // Still full: the oldest go first.
    const overflow = this.sessions.size - MAX_SESSIONS + 1;
    if (overflow > 0) [...this.sessions.keys()].slice(0, overflow).forEach((id) => this.sessions.delete(id));
  }
}

export type { Session };

function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
