import { In, IsNull, LessThanOrEqual, MoreThanOrEqual, type DataSource } from 'typeorm';
import { SignOffDelegation, StaffUser, type ComplaintParty, type PostalAddress } from '@complaints/db';
import type { Audience, CorrespondenceRequest } from './contract';
import type { CorrespondenceContext } from './correspondence-context';
import { carriesPersonalInformation } from './template-catalogue';
import type { TemplateName } from './template-names';
import { londonDate, type StaffRole } from '@complaints/domain';

/** The two people on a complaint who receive letters (R-INT-5). */
export type PartyAudience = 'complainant' | 'person-affected';

/** Who an item is for, as recorded on it: the audience the workflow asked for, or the person affected. */
export type Recipient = Audience | PartyAudience;

export interface Delivery {
  channel: 'email' | 'letter';
  audience: Recipient;
  /** Named addresses, for email. */
  to: { name: string; address: string }[];
  /** As recorded on the item: the addresses, or the postal address. */
  recipientLabel: string;
  recipientName: string;
  /** The postal address a letter is addressed to; null for email. */
  address: PostalAddress | null;
  /** R-INT-5: drafted and kept, not sent: the representative has no consent to see the person's information. */
  heldForConsent: boolean;
}

export const isPartyAudience = (audience: string): audience is PartyAudience =>
  audience === 'complainant' || audience === 'person-affected';

/** The idempotency key of an item: reference + step + channel, and the person affected when it is for them. */
export function deliveryKey(
  reference: string,
  step: string,
  delivery: Pick<Delivery, 'audience' | 'channel'>,
): string {
  const party = delivery.audience === 'person-affected' ? 'person-affected:' : '';
  return `${reference}:${step}:${party}${delivery.channel}`;
}

/**
 * R-INT-5: whether the complainant may see the person's information: they complain for themselves, or the person
 * they represent consented, or consent is not needed (the person has died, is a child or lacks capacity).
 */
export function consentAllows(context: CorrespondenceContext): boolean {
  const status = context.personAffected?.consentStatus;
  return !context.personAffected || status === 'given' || status === 'not-needed';
}

/**
 * R-RESP-2 (HPFT): the response and cover letter the Chief Executive approves "go to the complainant and other
 * interested parties". The only other party in the record is the person affected: they get a copy when they
 * consented to the representative (so they can be written to), and only where the profile's chain has that
 * approval.
 */
function copiedToPersonAffected(template: TemplateName, context: CorrespondenceContext): boolean {
  return (
    (template === 'final-response' || template === 'final-response-cover') &&
    context.personAffected?.consentStatus === 'given' &&
    context.profile.finalResponseApproval.some((step) => step.documents.includes('cover-letter'))
  );
}

/** A person's deliveries by the channels wanted, where they gave the details for them. */
function byChannels(person: ComplaintParty, audience: PartyAudience, wanted: readonly string[]): Delivery[] {
  const deliveries: Delivery[] = [];
  if (wanted.includes('email') && person.email) {
    deliveries.push({
      channel: 'email',
      audience,
      to: [{ name: person.name, address: person.email }],
      recipientLabel: person.email,
      recipientName: person.name,
      address: null,
      heldForConsent: false,
    });
  }
  if (wanted.includes('letter') && person.address) {
    deliveries.push({
      channel: 'letter',
      audience,
      to: [],
      recipientLabel: [person.name, ...person.address.lines, person.address.postcode].join('\n'),
      recipientName: person.name,
      address: person.address,
      heldForConsent: false,
    });
  }
  return deliveries;
}

/** R-INT-2: letter and/or email, as the complainant asked; without a choice, email where they gave one. */
function complainantChannels(context: CorrespondenceContext, complainant: ComplaintParty): string[] {
  if (context.complaint.replyChannels.length > 0) return context.complaint.replyChannels;
  return complainant.email ? ['email'] : ['letter'];
}

/** The person affected did not choose how replies reach them, so by every means they gave. */
const PERSON_AFFECTED_CHANNELS = ['email', 'letter'];

function complainantDeliveries(context: CorrespondenceContext, template: TemplateName): Delivery[] {
  const { complainant, personAffected } = context;
  if (!complainant || context.complaint.anonymous) return [];
  const toComplainant = byChannels(complainant, 'complainant', complainantChannels(context, complainant));
  if (!carriesPersonalInformation(template) || consentAllows(context)) {
    const copies = copiedToPersonAffected(template, context)
      ? byChannels(personAffected!, 'person-affected', PERSON_AFFECTED_CHANNELS)
      : [];
    return [...toComplainant, ...copies];
  }
  // R-INT-5: not to the representative: to the person themselves, or kept until they consent.
  const toPerson = byChannels(personAffected!, 'person-affected', PERSON_AFFECTED_CHANNELS);
  if (toPerson.length > 0) return toPerson;
  return toComplainant.map((delivery) => ({ ...delivery, heldForConsent: true }));
}

/**
 * Who receives a template, by which channels (R-INT-2), with the person's consent in mind (R-INT-5): the
 * complainant, or for a letter carrying the person's information that a representative may not see, the person
 * affected (or no one yet); a member of staff or a staff role by email. A final response's "Approval needed" for
 * the Responsible Person also goes to whoever holds a current delegation to sign for them (R-RESP-2, ADR 0034).
 */
export async function planDeliveries(
  dataSource: DataSource,
  audience: Audience,
  context: CorrespondenceContext,
  template: TemplateName,
  facts: CorrespondenceRequest['facts'] = {},
): Promise<Delivery[]> {
  if (audience === 'complainant') return complainantDeliveries(context, template);
  const signsForResponsiblePerson =
    audience === 'responsible-person' &&
    template === 'approval-request' &&
    facts.document === 'final-response';
  const staff = [
    ...(await staffAudience(dataSource, audience, context)),
    ...(signsForResponsiblePerson ? await currentDelegates(dataSource, context) : []),
  ];
  if (staff.length === 0) return [];
  const to = staff.map((member) => ({ name: member.displayName, address: member.email }));
  return [
    {
      channel: 'email',
      audience,
      to,
      recipientLabel: to.map((r) => r.address).join(', '),
      recipientName: staff.map((member) => member.displayName).join(', '),
      address: null,
      heldForConsent: false,
    },
  ];
}

/** One person's delivery by one channel, where they gave the details for it: the fallback to post, a resend. */
export function partyDelivery(
  context: CorrespondenceContext,
  audience: PartyAudience,
  channel: 'email' | 'letter',
): Delivery | null {
  const person = audience === 'complainant' ? context.complainant : context.personAffected;
  if (!person || context.complaint.anonymous) return null;
  return byChannels(person, audience, [channel])[0] ?? null;
}

/** Audiences that are everyone in the organisation holding that staff role (procedure §7). */
type RoleAudience = Exclude<Extract<Audience, StaffRole>, 'handler'>;

/** The members of staff an audience names, within the complaint's organisation only. */
async function staffAudience(
  dataSource: DataSource,
  audience: Exclude<Audience, 'complainant'>,
  context: CorrespondenceContext,
): Promise<StaffUser[]> {
  if (audience.startsWith('staff:')) {
    const member = await dataSource
      .getRepository(StaffUser)
      .findOneBy({ id: audience.slice('staff:'.length), organisationCode: context.organisation.code });
    return member ? [member] : [];
  }
  if (audience === 'handler' && context.handler) return [context.handler];
  // 'handler' with no handler assigned yet falls back to the complaints managers.
  const role = (audience === 'handler' ? 'complaints-manager' : audience) as RoleAudience;
  return (
    dataSource
      .getRepository(StaffUser)
      .createQueryBuilder('staff')
      .where('staff.organisation_code = :code', { code: context.organisation.code })
      .andWhere(':role = ANY(staff.roles)', { role })
      // A disabled member of staff (a leaver) is sent nothing about complaints.
      .andWhere('staff.active')
      .orderBy('staff.id')
      .getMany()
  );
}

/** R-RESP-2: the active members of staff holding a delegation to sign final responses today. */
async function currentDelegates(
  dataSource: DataSource,
  context: CorrespondenceContext,
): Promise<StaffUser[]> {
  const today = londonDate(new Date());
  const held = await dataSource.getRepository(SignOffDelegation).findBy({
    organisationCode: context.organisation.code,
    function: 'final-response-sign-off',
    startsOn: LessThanOrEqual(today),
    endsOn: MoreThanOrEqual(today),
    endedAt: IsNull(),
  });
  if (held.length === 0) return [];
  return dataSource.getRepository(StaffUser).find({
    where: {
      id: In(held.map((delegation) => delegation.delegateId)),
      organisationCode: context.organisation.code,
      active: true,
    },
    order: { id: 'ASC' },
  });
}
