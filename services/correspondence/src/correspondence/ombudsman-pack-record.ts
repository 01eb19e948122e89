import { In, type DataSource } from 'typeorm';
import { CaseEvent, Complaint, Correspondence, Organisation, StaffUser } from '@complaints/db';

/** Everything the Ombudsman pack shows, read from the case record (ADR 0003: read-only). */
export interface OmbudsmanPackRecord {
  complaint: Complaint;
  organisation: Organisation;
  /** The case timeline, oldest first. */
  events: CaseEvent[];
  /** Every letter and email sent or queued to print, in the order they went (send time, else queue time). */
  correspondence: Correspondence[];
  /** Display names of the staff the timeline and the complaint name, by id. */
  staffNames: ReadonlyMap<string, string>;
}

/** The complaint's record, or null when the organisation has no complaint with that reference. */
export async function loadOmbudsmanPackRecord(
  dataSource: DataSource,
  reference: string,
  organisationCode: string,
): Promise<OmbudsmanPackRecord | null> {
  const complaint = await dataSource.getRepository(Complaint).findOne({
    where: { reference, organisationCode },
    relations: { parties: true, issues: true },
  });
  if (!complaint) return null;
  complaint.issues.sort((a, b) => a.position - b.position);
  const organisation = await dataSource
    .getRepository(Organisation)
    .findOneByOrFail({ code: organisationCode });
  const events = await dataSource
    .getRepository(CaseEvent)
    .find({ where: { complaintId: complaint.id }, order: { occurredAt: 'ASC', id: 'ASC' } });
  const correspondence = (
    await dataSource.getRepository(Correspondence).find({
      where: { complaintReference: reference, status: In(['sent', 'delivered']) },
      order: { createdAt: 'ASC', channel: 'ASC' },
    })
  ).sort((a, b) => sentOrQueuedAt(a).getTime() - sentOrQueuedAt(b).getTime());
  const staffIds = new Set([
    ...events.filter((event) => event.actorType === 'staff').map((event) => event.actorId),
    ...(complaint.handlerId ? [complaint.handlerId] : []),
  ]);
  const staff =
    staffIds.size > 0
      ? await dataSource.getRepository(StaffUser).findBy({ id: In([...staffIds]), organisationCode })
      : [];
  return {
    complaint,
    organisation,
    events,
    correspondence,
    staffNames: new Map(staff.map((member) => [member.id, member.displayName])),
  };
}

/** When an item went: sent (email), or queued to print (a letter). */
export function sentOrQueuedAt(item: Correspondence): Date {
  return item.sentAt ?? item.createdAt;
}
