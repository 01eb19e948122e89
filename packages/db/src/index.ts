export * from './entities';
export { MIGRATIONS } from './migrations';
export { createDataSource, openDataSource } from './data-source';
export { SnakeNamingStrategy } from './naming-strategy';
export { DEMO_ORGANISATIONS, DEMO_STAFF, seedDemoData } from './seed/demo-data';
export {
  DEMO_PARTNER_USERS,
  HERTFORDSHIRE_MEMBERS,
  HERTFORDSHIRE_PROTOCOL,
} from './seed/hertfordshire-joint-protocol';
export {
  applyServicePrivileges,
  COLUMN_UPDATES,
  OWNER_ONLY_TABLES,
  SERVICE_ROLES,
  TABLE_PRIVILEGES,
  type ServiceName,
} from './privileges';
export * from './need-to-know';
export * from './access-links';
export * from './joint-cases';
export { planPromisedActions, type SentResponseFacts } from './action-plan';
