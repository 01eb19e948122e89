// Client-side Temporal plumbing (Node only — never import from workflow code).
export * from './connection';
export * from './encryption-codec';
export * from './ensure-search-attributes';
export * from './command-signing.interceptor';
export * from './command-verification-bundling';
