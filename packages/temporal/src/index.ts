// Temporal conventions shared by workflows, workers and clients. Safe to import from workflow code.
export * from './task-queues';
export * from './search-attributes';
export * from './command-signature';
export * from './workflow-ids';
