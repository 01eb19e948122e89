import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// What operations staff can search on in the Temporal Web UI: process facts only, never personal data (R-INT-8).
export const SEARCH_ATTRIBUTES = {
  complaintReference: defineSearchAttributeKey('ComplaintReference', SearchAttributeType.KEYWORD),
  organisation: defineSearchAttributeKey('Organisation', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  breached: defineSearchAttributeKey('Breached', SearchAttributeType.BOOL),
  joint: defineSearchAttributeKey('Joint', SearchAttributeType.BOOL),
  underOversight: defineSearchAttributeKey('UnderOversight', SearchAttributeType.BOOL),
  // Joint cases (R-JOINT-1): organisation codes of the protocol's members, never people.
  leadOrganisation: defineSearchAttributeKey('LeadOrganisation', SearchAttributeType.KEYWORD),
  partnerOrganisations: defineSearchAttributeKey('PartnerOrganisations', SearchAttributeType.KEYWORD_LIST),
  // The jointResponse workflow (ADR 0019): partners whose contribution or approval is overdue.
  latePartners: defineSearchAttributeKey('LatePartners', SearchAttributeType.KEYWORD_LIST),
} as const;

export const ALL_SEARCH_ATTRIBUTE_KEYS = Object.values(SEARCH_ATTRIBUTES);
