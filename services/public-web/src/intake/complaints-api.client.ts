import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import type { SurveyAnswers, SurveyRespondent } from '@complaints/domain';
import type { PublicComplaintBody } from './submission';

export const COMPLAINTS_API_SETTINGS = Symbol('COMPLAINTS_API_SETTINGS');

export interface ComplaintsApiSettings {
  apiUrl: string;
  key: string;
}

/** What the complaints API answers for a recorded submission. */
export interface RecordedSubmission {
  reference: string;
  kind: string;
  stage: string;
  profile: { id: string; version: number };
  deadlines: { acknowledgement?: string };
}

/** The complaints API's ProgressView: what the person may see of their complaint. */
export interface ProgressView {
  reference: string;
  organisation: string;
  kind: string;
  anonymous: boolean;
  stage: string;
  receivedOn: string;
  nextDeadline: string | null;
  deadlines: Record<string, string | null | undefined>;
  closedAt: string | null;
  letters: { id: string; subject: string; channel: string; sentAt: string | null; printable: boolean }[];
}

/** The complaints API's SurveyInvitationView: whose survey an open link is. */
export interface SurveyInvitation {
  organisation: string;
  respondent: SurveyRespondent;
}

export class ComplaintsApiRefused extends Error {
  constructor(readonly status: number) {
    super(`the complaints API answered ${status}`);
  }
}

/**
 * The public web service's only way to the case record (ADR 0022): the complaints API's public routes, each
 * request signed with the key the two services share. A submission carries the form's idempotency key, so a
 * double submit or a retry is one complaint; the progress page's requests carry the link's secret in the body.
 */
@Injectable()
export class ComplaintsApiClient {
  private readonly key: Uint8Array;

  constructor(@Inject(COMPLAINTS_API_SETTINGS) private readonly settings: ComplaintsApiSettings) {
    this.key = new TextEncoder().encode(settings.key);
  }

  async submit(body: PublicComplaintBody, idempotencyKey: string): Promise<RecordedSubmission> {
    const response = await this.post('/public-intake/complaints', body, {
      'Idempotency-Key': idempotencyKey,
    });
    if (response.status !== 201 && response.status !== 200) throw new ComplaintsApiRefused(response.status);
    return (await response.json()) as RecordedSubmission;
  }

  /**
   * The complainant's progress page (the link's secret in the body); null when the link no longer works.
   */
  async progress(token: string): Promise<ProgressView | null> {
    const response = await this.post('/public-progress/view', { token });
    if (response.status === 404) return null;
    if (response.status !== 200) throw new ComplaintsApiRefused(response.status);
    return (await response.json()) as ProgressView;
  }

  /** The token a reference and code from a letter stand for (ADR 0028); null when they open nothing. */
  async progressCode(reference: string, code: string): Promise<string | null> {
    const response = await this.post('/public-progress/code', { reference, code });
    if (response.status === 404 || response.status === 400) return null;
    if (response.status !== 200) throw new ComplaintsApiRefused(response.status);
    return ((await response.json()) as { token: string }).token;
  }

  async letter(token: string, letterId: string): Promise<Buffer | null> {
    const response = await this.post(`/public-progress/letters/${encodeURIComponent(letterId)}`, { token });
    if (response.status === 404 || response.status === 400) return null;
    if (response.status !== 200) throw new ComplaintsApiRefused(response.status);
    return Buffer.from(await response.arrayBuffer());
  }

  async message(token: string, kind: 'more-information' | 'not-satisfied', text: string): Promise<boolean> {
    const response = await this.post('/public-progress/messages', { token, kind, text });
    if (response.status === 404) return false;
    if (response.status !== 201) throw new ComplaintsApiRefused(response.status);
    return true;
  }

  /** The survey an open link leads to, without spending it; null when the link no longer works. */
  async survey(token: string): Promise<SurveyInvitation | null> {
    const response = await this.post('/public-survey/open', { token });
    if (response.status === 404) return null;
    if (response.status !== 200) throw new ComplaintsApiRefused(response.status);
    return (await response.json()) as SurveyInvitation;
  }

  /** The token a reference and code from the survey letter stand for (ADR 0023); null when they open nothing. */
  async surveyCode(reference: string, code: string): Promise<string | null> {
    const response = await this.post('/public-survey/code', { reference, code });
    if (response.status === 404 || response.status === 400) return null;
    if (response.status !== 200) throw new ComplaintsApiRefused(response.status);
    return ((await response.json()) as { token: string }).token;
  }

  /** Spends the link on the answers; false when it no longer works (already answered, expired). */
  async answerSurvey(token: string, answers: SurveyAnswers, comment: string | undefined): Promise<boolean> {
    const response = await this.post('/public-survey/answers', { token, answers, comment });
    if (response.status === 404) return false;
    if (response.status !== 201) throw new ComplaintsApiRefused(response.status);
    return true;
  }

  private async post(
    path: string,
    body: object,
    headers: Record<string, string> = {},
  ): Promise<globalThis.Response> {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('public-web')
      .setAudience('complaints-public-intake')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(this.key);
    return fetch(new URL(path, this.settings.apiUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  }
}
