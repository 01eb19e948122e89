export * from './contract';
export * from './find-action-follow-ups.activity';
