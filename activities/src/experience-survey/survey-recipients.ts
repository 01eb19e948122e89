import type { EntityManager } from 'typeorm';
import { CaseTeamMember, Complaint, ComplaintParty, StaffUser } from '@complaints/db';
import type { SurveyRespondent } from '@complaints/domain';

/** The case team's roles whose members took part in handling the complaint (ADR 0023). */
export const SURVEYED_TEAM_ROLES = ['handler', 'clinical-reviewer', 'contributor', 'approver'] as const;

export interface SurveyRecipient {
  respondent: SurveyRespondent;
  /** `complainant`, or `staff:<id>`: the invitation's key, never the address. */
  key: string;
  name: string;
  address: string;
}

/**
 * Who is invited: the complainant where they want replies by email (R-INT-2; without a choice, where they gave
 * an address), and each active member of staff who handled, reviewed, contributed to or signed off the response.
 */
export async function surveyRecipients(
  manager: EntityManager,
  complaint: Complaint,
): Promise<{ recipients: SurveyRecipient[]; complainantNotByEmail: boolean }> {
  const recipients: SurveyRecipient[] = [];
  const complainant = complaint.anonymous
    ? null
    : await manager
        .getRepository(ComplaintParty)
        .findOneBy({ complaint: { id: complaint.id }, role: 'complainant' });
  const wantsEmail =
    complaint.replyChannels.length > 0
      ? complaint.replyChannels.includes('email')
      : Boolean(complainant?.email);
  if (complainant?.email && wantsEmail)
    recipients.push({
      respondent: 'complainant',
      key: 'complainant',
      name: complainant.name,
      address: complainant.email,
    });

  const members = await manager
    .getRepository(CaseTeamMember)
    .createQueryBuilder('member')
    .select('DISTINCT member.staff_id', 'staffId')
    .where('member.complaint_id = :id AND member.role IN (:...roles)', {
      id: complaint.id,
      roles: SURVEYED_TEAM_ROLES,
    })
    .getRawMany<{ staffId: string }>();
  const staffIds = new Set(members.map((member) => member.staffId));
  if (complaint.handlerId) staffIds.add(complaint.handlerId);
  if (staffIds.size > 0) {
    const staff = await manager
      .getRepository(StaffUser)
      .createQueryBuilder('staff')
      .where('staff.id IN (:...ids) AND staff.organisation_code = :code AND staff.active', {
        ids: [...staffIds],
        code: complaint.organisationCode,
      })
      .orderBy('staff.id')
      .getMany();
    for (const member of staff)
      recipients.push({
        respondent: 'staff',
        key: `staff:${member.id}`,
        name: member.displayName,
        address: member.email,
      });
  }
  return {
    recipients,
    complainantNotByEmail: !complaint.anonymous && !recipients.some((r) => r.respondent === 'complainant'),
  };
}
