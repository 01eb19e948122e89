// Workflow messages and types for clients (API, tests): safe to import outside the workflow sandbox.
export * from './complaint-lifecycle/messages';
export * from './contact-restriction/messages';
export * from './joint-response/messages';
