export * from './contract';
export * from './invite-to-survey.activity';
export * from './survey-recipients';
