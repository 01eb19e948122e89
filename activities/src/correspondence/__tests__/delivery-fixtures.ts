// Shared by the delivery and consent tests: complaints inserted straight into the test Postgres (each with its
// own reference and addresses, so files sharing the database and the inbox never collide), and the activity run
// in a real activity Context against the real SMTP server.
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Complaint, Correspondence, type PostalAddress } from '@complaints/db';
import { uniqueSuffix, type ReceivedMessage } from '@complaints/testing';
import { activityEnvironment } from '../../__tests__/activity-environment';
import type { SendCorrespondenceInput } from '../contract';
import { createSmtpMailer, type Mailer } from '../mailer';
import {
  createCorrespondenceActivities,
  type CorrespondenceActivities,
  type CorrespondenceDependencies,
} from '../send-correspondence.activity';
import { TemplateRenderer } from '../template-renderer';
import { type ConsentStatus, type ReplyChannel } from '@complaints/domain';

export const MESSAGE_ID_DOMAIN = 'complaints.test.example';

export interface PersonFixture {
  name: string;
  email?: string | null;
  address?: PostalAddress | null;
}

export interface ComplaintFixture {
  complainant?: Partial<PersonFixture>;
  /** R-INT-5: someone else complains for this person. */
  personAffected?: PersonFixture & { consentStatus: ConsentStatus };
  replyChannels?: ReplyChannel[];
  handlerId?: string | null;
  earlyResolutionSummary?: string;
  /** The pinned policy profile (default `hpft`). */
  profileId?: 'hpft' | 'phso-model';
}

export const ADDRESS: PostalAddress = { lines: ['12 Acacia Avenue', 'Hatfield'], postcode: 'AL10 9AB' };

export class DeliveryFixtures {
  private readonly mailers: Mailer[] = [];

  constructor(readonly dataSource: DataSource) {}

  /** An HPFT complaint with its complainant (email and address unless given), and its person affected if any. */
  async newComplaint(fixture: ComplaintFixture = {}): Promise<string> {
    const reference = `HPFT-2099-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const complainant = fixture.complainant ?? {};
    const complaints = this.dataSource.getRepository(Complaint);
    await complaints.save(
      complaints.create({
        reference,
        organisationCode: 'HPFT',
        kind: 'complaint',
        anonymous: false,
        channel: 'web-form',
        receivedOn: '2099-03-02',
        profileId: fixture.profileId ?? 'hpft',
        profileVersion: 1,
        replyChannels: fixture.replyChannels ?? ['email'],
        stage: 'awaiting-acknowledgement',
        handlerId: fixture.handlerId === undefined ? 'hpft-handler' : fixture.handlerId,
        earlyResolutionSummary: fixture.earlyResolutionSummary ?? null,
        createdBy: 'delivery-test',
        parties: [
          {
            role: 'complainant',
            name: complainant.name ?? 'Alex Example',
            email:
              complainant.email === undefined ? `alex.${uniqueSuffix()}@example.test` : complainant.email,
            address: complainant.address === undefined ? ADDRESS : complainant.address,
            relationship: fixture.personAffected ? 'representative' : 'patient',
          },
          ...(fixture.personAffected
            ? [
                {
                  role: 'person-affected' as const,
                  name: fixture.personAffected.name,
                  email: fixture.personAffected.email ?? null,
                  address: fixture.personAffected.address ?? null,
                  consentStatus: fixture.personAffected.consentStatus,
                },
              ]
            : []),
        ],
        issues: [],
      }),
    );
    return reference;
  }

  async complainantEmail(reference: string): Promise<string> {
    const complaint = await this.dataSource
      .getRepository(Complaint)
      .findOneOrFail({ where: { reference }, relations: { parties: true } });
    return complaint.parties.find((party) => party.role === 'complainant')!.email!;
  }

  /** The activities over a mailer for this SMTP URL (closed in `cleanUp`). */
  activities(
    smtpUrl = process.env.SMTP_URL!,
    options: Partial<CorrespondenceDependencies> = {},
  ): CorrespondenceActivities {
    const mailer = createSmtpMailer(smtpUrl);
    this.mailers.push(mailer);
    return createCorrespondenceActivities({
      dataSource: this.dataSource,
      mailer,
      renderer: new TemplateRenderer(),
      messageIdDomain: MESSAGE_ID_DOMAIN,
      defaultFrom: '"NHS complaints" <complaints@test.example>',
      ...options,
    });
  }

  /** The complaint's items, oldest first, each with its PDF. */
  rowsOf(reference: string): Promise<Correspondence[]> {
    return this.dataSource
      .getRepository(Correspondence)
      .createQueryBuilder('item')
      .addSelect('item.pdf')
      .where('item.complaint_reference = :reference', { reference })
      .orderBy('item.created_at')
      .addOrderBy('item.idempotency_key')
      .getMany();
  }

  /** The case files stay: the schema lets one go only by disposal (ADR 0013), and the test database is thrown away. */
  async cleanUp(): Promise<void> {
    for (const mailer of this.mailers) mailer.close();
  }
}

/** Runs the activity once, as a worker would (a real activity Context). */
export function runActivity(activities: CorrespondenceActivities, input: SendCorrespondenceInput) {
  return activityEnvironment({
    workflowExecution: { workflowId: input.reference, runId: randomUUID() },
    activityId: '1',
  }).run(activities.sendCorrespondence, input);
}

/** The Message-ID an item of this key is sent with (without the angle brackets, as the inbox reports it). */
export const messageIdOf = (idempotencyKey: string) =>
  `${idempotencyKey.replace(/[^\w.-]/g, '.')}@${MESSAGE_ID_DOMAIN}`;

export const withMessageId = (messageId: string) => (message: ReceivedMessage) =>
  message.messageId === messageId;

/** Each status change as [status, reason]. */
export const steps = (item: Correspondence) =>
  item.history.map((change) => [change.status, change.reason ?? null]);

/** Runs `fn` and returns what it threw (null if nothing). */
export async function failureOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
    return null;
  } catch (error) {
    return error;
  }
}
