import { OrganisationsAndStaff1763856000000 } from './1763856000000-organisations-and-staff';
import { CaseRecord1763856100000 } from './1763856100000-case-record';
import { EarlyResolutionSummary1763856200000 } from './1763856200000-early-resolution-summary';
import { FinalResponsesAndOversight1763856300000 } from './1763856300000-final-responses-and-oversight';
import { LetterPdfs1763856400000 } from './1763856400000-letter-pdfs';
import { TemplateOverrides1763856500000 } from './1763856500000-template-overrides';
import { InvestigationPlans1763856600000 } from './1763856600000-investigation-plans';
import { Monitoring1763856700000 } from './1763856700000-monitoring';
import { DeliveryLifecycle1763856800000 } from './1763856800000-delivery-lifecycle';
import { ContactRestrictions1763856900000 } from './1763856900000-contact-restrictions';
import { ProjectionOrder1763857000000 } from './1763857000000-projection-order';
import { TemplateOverrideSubject1763857300000 } from './1763857300000-template-override-subject';
import { StaffIdentity1763857400000 } from './1763857400000-staff-identity';
import { NeedToKnow1763857500000 } from './1763857500000-need-to-know';
import { RetentionAndDisposal1763857600000 } from './1763857600000-retention-and-disposal';
import { TemplateOverrideApproval1763857700000 } from './1763857700000-template-override-approval';
import { EqualityAnswersKept1763857800000 } from './1763857800000-equality-answers-kept';
import { JointProtocolAndAccessLinks1763857900000 } from './1763857900000-joint-protocol-and-access-links';
import { JointLeadAndCommissionerRoute1763858000000 } from './1763858000000-joint-lead-and-commissioner-route';
import { JointResponseRecords1763858100000 } from './1763858100000-joint-response-records';
import { QuarterlyReviews1763858500000 } from './1763858500000-quarterly-reviews';
import { ThemeAlerts1763858600000 } from './1763858600000-theme-alerts';
import { ExperienceSurvey1763858700000 } from './1763858700000-experience-survey';
import { OutcomesLearningAndActionPlans1763858800000 } from './1763858800000-outcomes-learning-and-action-plans';
import { ThemeRiseOverQuarter1763858810000 } from './1763858810000-theme-rise-over-quarter';
import { JointPartialResponse1763858900000 } from './1763858900000-joint-partial-response';
import { Ko41aAndPublication1763859100000 } from './1763859100000-ko41a-and-publication';
import { AnnualTrendReview1763859110000 } from './1763859110000-annual-trend-review';
import { OmbudsmanReferralsAndAnnualReport1763859200000 } from './1763859200000-ombudsman-referrals-and-annual-report';
import { SignOffDelegationsAndTitles1763859500000 } from './1763859500000-sign-off-delegations-and-titles';

/** In order; a new migration is appended here and never edited once released. */
export const MIGRATIONS = [
  OrganisationsAndStaff1763856000000,
  CaseRecord1763856100000,
  EarlyResolutionSummary1763856200000,
  FinalResponsesAndOversight1763856300000,
  LetterPdfs1763856400000,
  TemplateOverrides1763856500000,
  InvestigationPlans1763856600000,
  Monitoring1763856700000,
  DeliveryLifecycle1763856800000,
  ContactRestrictions1763856900000,
  ProjectionOrder1763857000000,
  TemplateOverrideSubject1763857300000,
  StaffIdentity1763857400000,
  NeedToKnow1763857500000,
  RetentionAndDisposal1763857600000,
  TemplateOverrideApproval1763857700000,
  EqualityAnswersKept1763857800000,
  JointProtocolAndAccessLinks1763857900000,
  JointLeadAndCommissionerRoute1763858000000,
  JointResponseRecords1763858100000,
  QuarterlyReviews1763858500000,
  ThemeAlerts1763858600000,
  ExperienceSurvey1763858700000,
  OutcomesLearningAndActionPlans1763858800000,
  ThemeRiseOverQuarter1763858810000,
  JointPartialResponse1763858900000,
  Ko41aAndPublication1763859100000,
  AnnualTrendReview1763859110000,
  OmbudsmanReferralsAndAnnualReport1763859200000,
  SignOffDelegationsAndTitles1763859500000,
];
