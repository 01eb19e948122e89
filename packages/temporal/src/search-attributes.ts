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
} as const;

export const ALL_SEARCH_ATTRIBUTE_KEYS = Object.values(SEARCH_ATTRIBUTES);
