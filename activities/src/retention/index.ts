export * from './contract';
export * from './find-case-files-due.activity';
