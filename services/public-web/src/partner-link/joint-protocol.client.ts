import { Inject, Injectable } from '@nestjs/common';
import type { FORMS, FormName } from './case-page';

export const JOINT_PROTOCOL_SETTINGS = Symbol('JOINT_PROTOCOL_SETTINGS');

export interface JointProtocolSettings {
  url: string;
}

/** What joint-protocol's `POST /partner-links/inspect` says a link is for (organisation names only). */
export interface LinkPurpose {
  leadCode: string;
  leadName: string;
  partnerCode: string;
  partnerName: string;
  protocolName: string;
  expiresAt: string;
}

export interface LinkSession {
  session: string;
  expiresAt: string;
  jointCaseId: string | null;
}

/** `GET /joint-cases/{id}` with a link session: the partner's shared view (ADR 0019), exactly as the API gives it. */
export type SharedView =
  | {
      jointCaseId: string;
      protocolCode: string;
      leadCode: string;
      role: string;
      consent: string;
      shared: false;
    }
  | {
      jointCaseId: string;
      protocolCode: string;
      leadCode: string;
      role: string;
      consent: string;
      shared: true;
      reference: string;
      leadReceivedOn: string;
      issues: { id: string; description: string }[];
      responseDueOn: string | null;
      contributionDueOn: string | null;
      draft: SharedDraft | null;
      myDecision: { version: number; decision: 'approved' | 'changes-requested'; on: string } | null;
      partialResponseWithoutUs: boolean;
      contributions: { version: number; body: string; apology: string | null; submittedAt: string }[];
      withdrawnAt: string | null;
      mayWithdraw: boolean;
      learningRecorded: boolean;
      stage: string | null;
    };

/** R-JOINT-5: the version out for approval, as the person will read it, with who contributed each part. */
export interface SharedDraft {
  version: number;
  approvalDueOn: string;
  sections: Record<string, string>;
  sectionContributors: Record<string, string[]>;
  findings: { issueId: string; outcome: string; finding: string; contributedBy: string[] }[];
  remedies: { kind: string; detail: string }[];
  coverLetter: string | null;
}

/** An RFC 9457 problem the API answered. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  rule?: string;
  errors?: { field: string; reason: string }[];
}

export type CommandOutcome = { done: true } | { done: false; problem: Problem };

/** The link session stopped working (expired, or not this case): the person opens the link again. */
export class LinkSessionEnded extends Error {
  constructor() {
    super('the link session no longer works');
  }
}

export class JointProtocolFailed extends Error {
  constructor(readonly status: number) {
    super(`the joint-protocol service answered ${status}`);
  }
}

/**
 * The partner pages' only way to a joint case (ADR 0027): joint-protocol's own endpoints, as a partner's browser
 * would call them, with the token in a body and the session as `Authorization: Link`. Nothing here reads the
 * database: this service's role reads organisations only (ADR 0022).
 */
@Injectable()
export class JointProtocolClient {
  constructor(@Inject(JOINT_PROTOCOL_SETTINGS) private readonly settings: JointProtocolSettings) {}

  /** What the link is for, without spending it; null when it no longer works. */
  async inspect(token: string): Promise<LinkPurpose | null> {
    const response = await this.call('POST', '/partner-links/inspect', { body: { token } });
    if (response.status === 410 || response.status === 400) return null;
    if (response.status !== 200) throw new JointProtocolFailed(response.status);
    return (await response.json()) as LinkPurpose;
  }

  /** Spends the single-use link for a two-hour session; null when it no longer works. */
  async redeem(token: string): Promise<LinkSession | null> {
    const response = await this.call('POST', '/partner-links/redeem', { body: { token } });
    if (response.status === 410 || response.status === 400) return null;
    if (response.status !== 201) throw new JointProtocolFailed(response.status);
    return (await response.json()) as LinkSession;
  }

  async view(session: string, jointCaseId: string): Promise<SharedView> {
    const response = await this.call('GET', `/joint-cases/${encodeURIComponent(jointCaseId)}`, { session });
    if (response.status === 401 || response.status === 404) throw new LinkSessionEnded();
    if (response.status !== 200) throw new JointProtocolFailed(response.status);
    return (await response.json()) as SharedView;
  }

  /** One of the partner's commands on the case; a 400, 409 or 503 comes back as the problem to show. */
  async command(
    session: string,
    jointCaseId: string,
    command: (typeof FORMS)[FormName],
    body: object,
  ): Promise<CommandOutcome> {
    const response = await this.call('POST', `/joint-cases/${encodeURIComponent(jointCaseId)}/${command}`, {
      session,
      body,
    });
    if (response.status === 401 || response.status === 404) throw new LinkSessionEnded();
    if (response.status === 200 || response.status === 201) return { done: true };
    if (response.status === 400 || response.status === 409 || response.status === 503)
      return { done: false, problem: (await response.json()) as Problem };
    throw new JointProtocolFailed(response.status);
  }

  private call(
    method: 'GET' | 'POST',
    path: string,
    options: { session?: string; body?: object },
  ): Promise<globalThis.Response> {
    return fetch(new URL(path, this.settings.url), {
      method,
      headers: {
        ...(options.session ? { Authorization: `Link ${options.session}` } : {}),
        ...(options.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
  }
}
