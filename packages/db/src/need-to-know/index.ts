export { accessBasisSql, type AccessBasis, type StaffIdentity } from './policy';
export { openCaseFile, openableBy, type OpenedCaseFile } from './case-file-door';
export { recordAccess, type AccessRequest } from './access-log';
export { nameToCaseTeam, replaceInCaseTeam, undoCaseTeamStep, type CaseTeamStep } from './case-team';
