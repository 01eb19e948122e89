export * from './contract';
export * from './send-correspondence.activity';
export * from './templates';
export * from './mailer';
export * from './template-context';
export * from './pdf';
