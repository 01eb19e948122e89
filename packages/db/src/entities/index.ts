import { CaseEvent } from './case-event.entity';
import { Complaint } from './complaint.entity';
import { ComplaintIssue } from './complaint-issue.entity';
import { ComplaintParty } from './complaint-party.entity';
import { Correspondence } from './correspondence.entity';
import { FinalResponseDraft } from './final-response-draft.entity';
import { InvestigationPlan } from './investigation-plan.entity';
import { EqualityMonitoring } from './equality-monitoring.entity';
import { ContactRestriction } from './contact-restriction.entity';
import { Organisation } from './organisation.entity';
import { StaffUser } from './staff-user.entity';
import { TemplateOverride } from './template-override.entity';
import { TemplateOverrideDecision } from './template-override-decision.entity';
import { LegalHold } from './legal-hold.entity';
import { CaseFileDisposal } from './case-file-disposal.entity';
import { CaseTeamMember } from './case-team-member.entity';
import { AccessGrant } from './access-grant.entity';
import { AccessLogEntry } from './access-log-entry.entity';
import { JointProtocol } from './joint-protocol.entity';
import { PartnerOrganisation } from './partner-organisation.entity';
import { PartnerUser } from './partner-user.entity';
import { JointCase } from './joint-case.entity';
import { JointCasePartner } from './joint-case-partner.entity';
import { AccessLink } from './access-link.entity';
import { JointContribution } from './joint-contribution.entity';
import { JointDraftDecision } from './joint-draft-decision.entity';
import { JointVariation } from './joint-variation.entity';
import { JointCoordination } from './joint-coordination.entity';
import { JointConflict } from './joint-conflict.entity';
import { JointDisagreement } from './joint-disagreement.entity';
import { JointLearning } from './joint-learning.entity';
import { JointNotification } from './joint-notification.entity';
import { QuarterlyReview } from './quarterly-review.entity';
import { ThemeRule } from './theme-rule.entity';
import { ThemeAlert } from './theme-alert.entity';
import { ExperienceSurveyAnswer } from './experience-survey-answer.entity';
import { ExperienceSurveyInvitation } from './experience-survey-invitation.entity';
import { LearningPoint } from './learning-point.entity';
import { CaseAction } from './case-action.entity';
import { OmbudsmanReferral } from './ombudsman-referral.entity';
import { AnnualReport } from './annual-report.entity';
import { SignOffDelegation } from './sign-off-delegation.entity';

export {
  JointContribution,
  JointDraftDecision,
  JointVariation,
  JointCoordination,
  JointConflict,
  JointDisagreement,
  JointLearning,
  JointNotification,
  CaseEvent,
  Complaint,
  ComplaintIssue,
  ComplaintParty,
  Correspondence,
  FinalResponseDraft,
  InvestigationPlan,
  EqualityMonitoring,
  ContactRestriction,
  Organisation,
  StaffUser,
  TemplateOverride,
  TemplateOverrideDecision,
  LegalHold,
  CaseFileDisposal,
  CaseTeamMember,
  AccessGrant,
  AccessLogEntry,
  JointProtocol,
  PartnerOrganisation,
  PartnerUser,
  JointCase,
  JointCasePartner,
  AccessLink,
  QuarterlyReview,
  ThemeRule,
  ThemeAlert,
  ExperienceSurveyAnswer,
  ExperienceSurveyInvitation,
  LearningPoint,
  CaseAction,
  OmbudsmanReferral,
  AnnualReport,
  SignOffDelegation,
};
export * from './complaint.entity';
export * from './complaint-party.entity';
export * from './case-event.entity';
export * from './correspondence.entity';
export { CASE_TEAM_ROLES, type CaseTeamRole } from './case-team-member.entity';
export { ACCESS_ACTIONS, type AccessAction } from './access-log-entry.entity';
export type { PartnerContact } from './partner-organisation.entity';
export type { ReviewAction } from './quarterly-review.entity';
export type { AnnualReportSections } from './annual-report.entity';
export type { ContactRestrictionStatus } from './contact-restriction.entity';
export type { CaseFileDisposalStatus, ErasedRecords } from './case-file-disposal.entity';

export const ENTITIES = [
  Organisation,
  StaffUser,
  Complaint,
  ComplaintParty,
  ComplaintIssue,
  CaseEvent,
  Correspondence,
  FinalResponseDraft,
  TemplateOverride,
  TemplateOverrideDecision,
  InvestigationPlan,
  EqualityMonitoring,
  ContactRestriction,
  LegalHold,
  CaseFileDisposal,
  CaseTeamMember,
  AccessGrant,
  AccessLogEntry,
  JointProtocol,
  PartnerOrganisation,
  PartnerUser,
  JointCase,
  JointCasePartner,
  AccessLink,
  JointContribution,
  JointDraftDecision,
  JointVariation,
  JointCoordination,
  JointConflict,
  JointDisagreement,
  JointLearning,
  JointNotification,
  QuarterlyReview,
  ThemeRule,
  ThemeAlert,
  ExperienceSurveyAnswer,
  ExperienceSurveyInvitation,
  LearningPoint,
  CaseAction,
  OmbudsmanReferral,
  AnnualReport,
  SignOffDelegation,
];
