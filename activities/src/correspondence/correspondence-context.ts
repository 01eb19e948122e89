import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { Complaint, ComplaintParty, Organisation, StaffUser } from '@complaints/db';
import {
  calendarMonthsAfterReceipt,
  createWorkingDayCalendar,
  getProfile,
  workingDaysAfterReceipt,
  type PolicyProfile,
} from '@complaints/domain';
import type { Audience } from './contract';

/** Everything a template may use about one complaint, read from the record (personal data stays in this process). */
export interface CorrespondenceContext {
  complaint: Complaint;
  organisation: Organisation;
  complainant: ComplaintParty | null;
  profile: PolicyProfile;
  handler: StaffUser | null;
}

export async function loadCorrespondenceContext(
  dataSource: DataSource,
  reference: string,
): Promise<CorrespondenceContext> {
  const complaint = await dataSource
    .getRepository(Complaint)
    .findOne({ where: { reference }, relations: { parties: true } });
  if (!complaint)
    throw ApplicationFailure.nonRetryable(`no complaint ${reference} in the record`, 'ComplaintNotFound');
  const organisation = await dataSource
    .getRepository(Organisation)
    .findOneByOrFail({ code: complaint.organisationCode });
  const handler = complaint.handlerId
    ? await dataSource.getRepository(StaffUser).findOneBy({ id: complaint.handlerId })
    : null;
  return {
    complaint,
    organisation,
    complainant: complaint.parties.find((party) => party.role === 'complainant') ?? null,
    profile: getProfile(complaint.profileId, complaint.profileVersion),
    handler,
  };
}

export interface Delivery {
  channel: 'email' | 'letter';
  /** Named addresses, for email. */
  to: { name: string; address: string }[];
  /** As recorded on the item: the addresses, or the postal address. */
  recipientLabel: string;
  recipientName: string;
}

/** Who receives it, by which channels (R-INT-2: letter and/or email, as the person asked). */
export async function planDeliveries(
  dataSource: DataSource,
  audience: Audience,
  context: CorrespondenceContext,
): Promise<Delivery[]> {
  if (audience === 'complainant') {
    const person = context.complainant;
    if (!person || context.complaint.anonymous) return [];
    const wanted =
      context.complaint.replyChannels.length > 0
        ? context.complaint.replyChannels
        : person.email
          ? ['email']
          : ['letter'];
    const deliveries: Delivery[] = [];
    if (wanted.includes('email') && person.email) {
      deliveries.push({
        channel: 'email',
        to: [{ name: person.name, address: person.email }],
        recipientLabel: person.email,
        recipientName: person.name,
      });
    }
    if (wanted.includes('letter') && person.address) {
      const label = [person.name, ...person.address.lines, person.address.postcode].join('\n');
      deliveries.push({ channel: 'letter', to: [], recipientLabel: label, recipientName: person.name });
    }
    return deliveries;
  }
  const staff =
    audience === 'handler' && context.handler
      ? [context.handler]
      : await dataSource
          .getRepository(StaffUser)
          .createQueryBuilder('staff')
          .where('staff.organisation_code = :code', { code: context.organisation.code })
          .andWhere(':role = ANY(staff.roles)', { role: 'complaints-manager' })
          .orderBy('staff.id')
          .getMany();
  if (staff.length === 0) return [];
  const to = staff.map((member) => ({ name: member.displayName, address: member.email }));
  return [
    {
      channel: 'email',
      to,
      recipientLabel: to.map((r) => r.address).join(', '),
      recipientName: staff.map((member) => member.displayName).join(', '),
    },
  ];
}

/** When the person can expect a full reply, where the profile sets a timescale (R-INV-4). */
export function replyExpectedBy(context: CorrespondenceContext): string | null {
  const timescale = context.profile.responseTimescale;
  const receivedOn = context.complaint.receivedOn;
  if (timescale.kind === 'calendar-months') return calendarMonthsAfterReceipt(receivedOn, timescale.months);
  if (timescale.kind === 'working-days') {
    const calendar = createWorkingDayCalendar({
      nation: context.organisation.nation,
      closureDays: context.organisation.closureDays,
    });
    return workingDaysAfterReceipt(receivedOn, timescale.newComplaint, calendar);
  }
  return null;
}
