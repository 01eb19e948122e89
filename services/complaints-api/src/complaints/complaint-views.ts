import type { CaseEvent, Complaint, ContactRestriction } from '@complaints/db';
import type { FindingOutcome } from '@complaints/domain';
import type { ActionPlan } from '../action-plan/action-plan.service';
import type { ComplaintCreatedDto, ComplaintDetailDto, WorklistItemDto } from './dto/complaint-response.dto';

export function toCreatedView(complaint: Complaint): ComplaintCreatedDto {
  return {
    reference: complaint.reference,
    organisation: complaint.organisationCode,
    kind: complaint.kind,
    profile: { id: complaint.profileId, version: complaint.profileVersion },
    stage: complaint.stage,
    deadlines: complaint.deadlines,
  };
}

export function toWorklistItem(complaint: Complaint): WorklistItemDto {
  return {
    reference: complaint.reference,
    organisation: complaint.organisationCode,
    kind: complaint.kind,
    stage: complaint.stage,
    receivedOn: complaint.receivedOn,
    nextDeadline: complaint.nextDeadline,
    breached: complaint.breached,
    underOversight: complaint.underOversight,
    handlerId: complaint.handlerId,
    deadlines: complaint.deadlines,
  };
}

export function toDetailView(
  complaint: Complaint,
  timeline: CaseEvent[],
  contactLimits: ContactRestriction[],
  plan: ActionPlan,
  issueOutcomes: Map<string, FindingOutcome>,
): ComplaintDetailDto {
  return {
    contactLimits: contactLimits.map((restriction) => ({
      id: restriction.id,
      setOn: restriction.complaintReference,
      limits: restriction.limits,
      reviewOn: restriction.reviewOn,
    })),
    ...toCreatedView(complaint),
    channel: complaint.channel,
    receivedOn: complaint.receivedOn,
    forwardedBy: complaint.forwardedByCode,
    commissionerReceivedOn: complaint.commissionerReceivedOn,
    anonymous: complaint.anonymous,
    nextDeadline: complaint.nextDeadline,
    breached: complaint.breached,
    underOversight: complaint.underOversight,
    complexity: complaint.complexity,
    outcome: complaint.outcome,
    metAgreedTimescale: complaint.metAgreedTimescale,
    acknowledgedAt: complaint.acknowledgedAt?.toISOString() ?? null,
    closedAt: complaint.closedAt?.toISOString() ?? null,
    handlerId: complaint.handlerId,
    replyChannels: complaint.replyChannels,
    accessibilityNeeds: complaint.accessibilityNeeds,
    adjustmentsNote: complaint.adjustmentsNote,
    outcomeSought: complaint.outcomeSought,
    people: complaint.parties.map((party) => ({
      role: party.role,
      name: party.name,
      dateOfBirth: party.dateOfBirth,
      email: party.email,
      phone: party.phone,
      address: party.address,
      relationship: party.relationship,
      consentStatus: party.consentStatus,
      consentNotNeededReason: party.consentNotNeededReason,
    })),
    issues: [...complaint.issues]
      .sort((a, b) => a.position - b.position)
      .map((issue) => ({
        id: issue.id,
        description: issue.description,
        subjectArea: issue.subjectArea,
        serviceArea: issue.serviceArea,
        staffGroup: issue.staffGroup,
        outcome: issueOutcomes.get(issue.id) ?? null,
      })),
    learning: plan.learning,
    actions: plan.actions,
    timeline: timeline.map((event) => ({
      occurredAt: event.occurredAt.toISOString(),
      type: event.type,
      rule: event.rule,
      actor: { type: event.actorType, id: event.actorId },
      data: event.data,
    })),
  };
}
