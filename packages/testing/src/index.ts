export * from './temporal';
export * from './mail-inbox';
export * from './database';
export * from './service-health';
export * from './pdf-reading';
export * from './openapi-examples';
export * from './activity-context';
export * from './case-file-fixture';
