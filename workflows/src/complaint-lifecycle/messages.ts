// The complaint workflow's messages, phase by phase in procedure order: state types (plain data), commands,
// updates and the state query. Safe to import outside the workflow sandbox.
export * from './lifecycle.messages';
export * from './quick-route.messages';
export * from './acknowledgement.messages';
export * from './triage.messages';
export * from './early-resolution.messages';
export * from './closer-look.messages';
export * from './allocation.messages';
export * from './plan.messages';
export * from './final-response.messages';
export * from './six-month-rule.messages';
export * from './after-response.messages';
export * from './joint-case.messages';
