/** Injection tokens for the shared infrastructure clients. */
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
/** NODE_ENV of the service (development, test or production). */
export const SERVICE_MODE = Symbol('SERVICE_MODE');
