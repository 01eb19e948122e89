export * as caseRecord from './case-record';
export * as correspondence from './correspondence';
export * as retention from './retention';
export * as themes from './themes';
export * as jointResponse from './joint-response';
export * as experienceSurvey from './experience-survey';
export * as actionPlan from './action-plan';
