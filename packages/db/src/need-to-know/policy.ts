// R-INT-8, need-to-know (docs/adr/0011-need-to-know.md): the one policy for who may open a complaint's file.
// It is one SQL expression, so opening one complaint and filtering the worklist cannot disagree.
import { listProfiles } from '@complaints/domain';

/** Who is asking: the fields of the token's staff principal that the policy reads. */
export interface StaffIdentity {
  id: string;
  organisationCode: string;
  roles: readonly string[];
}

/** Why a member of staff may open a complaint; none means they may not (404, its existence not disclosed). */
export type AccessBasis =
  'complaints-manager' | 'taken-in' | `case-team:${string}` | 'sign-off' | 'oversight' | 'break-glass';

/** R-INV-7: the Responsible Person or a senior manager writes the six-month letter and keeps oversight. */
const OVERSIGHT_ROLES = ['responsible-person', 'senior-manager'];

/** `profile:version` of every profile whose final-response chain has a step this person may sign (R-RESP-2). */
function signedProfiles(roles: readonly string[]): string[] {
  return listProfiles()
    .filter((profile) =>
      profile.finalResponseApproval.some((step) => step.roles.some((role) => roles.includes(role))),
    )
    .map((profile) => `${profile.id}:${profile.version}`);
}

const active = (table: string) =>
  `${table}.complaint_id = complaint_alias.id AND ${table}.staff_id = :ntkStaff`;

/**
 * The access basis of `staff` for the complaint aliased `alias`, as SQL (NULL when they may not open it), with
 * its parameters. In order: another organisation's complaint, or staff named as involved in the events, never;
 * the organisation's complaints managers; whoever took it in until a handler is allocated; the case team as the
 * procedure named it (and the handler the workflow's projection names); approvers (and the Responsible Person's
 * current delegates, ADR 0034) while the response awaits sign-off (R-RESP-2) or limits on contact await approval (R-PERS-1); overseers while under R-INV-7 oversight;
 * a break-glass grant neither expired nor revoked.
 */
export function accessBasisSql(
  alias: string,
  staff: StaffIdentity,
): { sql: string; parameters: Record<string, unknown> } {
  const sql = `(CASE
    WHEN complaint_alias.organisation_code <> :ntkOrganisation THEN NULL
    WHEN EXISTS (SELECT 1 FROM case_team_member involved WHERE ${active('involved')}
      AND involved.role = 'involved' AND involved.ended_at IS NULL) THEN NULL
    WHEN :ntkManager THEN 'complaints-manager'
    WHEN complaint_alias.handler_id = :ntkStaff THEN 'case-team:handler'
    WHEN complaint_alias.created_by = :ntkStaff AND NOT EXISTS (SELECT 1 FROM case_team_member handler
      WHERE handler.complaint_id = complaint_alias.id AND handler.role = 'handler' AND handler.ended_at IS NULL)
      THEN 'taken-in'
    WHEN EXISTS (SELECT 1 FROM case_team_member member WHERE ${active('member')} AND member.ended_at IS NULL)
      THEN (SELECT 'case-team:' || min(member.role) FROM case_team_member member
        WHERE ${active('member')} AND member.ended_at IS NULL)
    WHEN complaint_alias.stage = 'awaiting-sign-off'
      AND complaint_alias.profile_id || ':' || complaint_alias.profile_version = ANY(:ntkSigns) THEN 'sign-off'
    WHEN complaint_alias.stage = 'awaiting-sign-off' AND EXISTS (SELECT 1 FROM sign_off_delegation delegation
      WHERE delegation.delegate_id = :ntkStaff AND delegation.organisation_code = complaint_alias.organisation_code
      AND delegation.ended_at IS NULL
      AND (now() AT TIME ZONE 'Europe/London')::date BETWEEN delegation.starts_on AND delegation.ends_on)
      THEN 'sign-off'
    WHEN :ntkOverseer AND EXISTS (SELECT 1 FROM contact_restriction pending
      WHERE pending.complaint_reference = complaint_alias.reference AND pending.status = 'proposed') THEN 'sign-off'
    WHEN complaint_alias.under_oversight AND :ntkOverseer THEN 'oversight'
    WHEN EXISTS (SELECT 1 FROM access_grant grant_row WHERE ${active('grant_row')}
      AND grant_row.revoked_at IS NULL AND grant_row.expires_at > now()) THEN 'break-glass'
  END)`.replaceAll('complaint_alias', alias);
  return {
    sql,
    parameters: {
      ntkOrganisation: staff.organisationCode,
      ntkStaff: staff.id,
      ntkManager: staff.roles.includes('complaints-manager'),
      ntkSigns: signedProfiles(staff.roles),
      ntkOverseer: staff.roles.some((role) => OVERSIGHT_ROLES.includes(role)),
    },
  };
}
