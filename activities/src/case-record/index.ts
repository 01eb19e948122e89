export * from './contract';
export * from './record-case-event.activity';
