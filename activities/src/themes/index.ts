export * from './contract';
export * from './raise-theme-alerts.activity';
