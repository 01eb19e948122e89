import type { DataSource, EntityManager } from 'typeorm';
import type { TemplateVariant } from './template-names';
import type { ActiveOverride, OrganisationOverrides } from './template-renderer';

/** An override in use, with who proposed it and when, and who approved it and when (issue #14). */
export interface StoredOverride extends ActiveOverride {
  createdBy: string;
  createdAt: Date;
  approvedBy: string;
  approvedAt: Date;
}

export interface StoredOrganisationOverrides extends OrganisationOverrides {
  overrides: StoredOverride[];
}

/**
 * The organisation's overrides in use (ADR 0014): for each (name, variant), its latest version that is either
 * approved by a second manager or a revert (no body and no subject); a revert puts the standard back. A proposal
 * not yet approved is never used, so until then letters keep the standard or the previous override.
 */
export async function loadTemplateOverrides(
  db: DataSource | EntityManager,
  organisationCode: string,
): Promise<StoredOrganisationOverrides> {
  const latest: {
    name: string;
    variant: TemplateVariant;
    version: number;
    body: string | null;
    subject: string | null;
    created_by: string;
    created_at: Date;
    decided_by: string | null;
    decided_at: Date | null;
  }[] = await db.query(
    `SELECT DISTINCT ON (o.name, o.variant)
            o.name, o.variant, o.version, o.body, o.subject, o.created_by, o.created_at, d.decided_by, d.decided_at
       FROM template_override o
       LEFT JOIN template_override_decision d ON d.override_id = o.id
      WHERE o.organisation_code = $1
        AND ((o.body IS NULL AND o.subject IS NULL) OR d.decision = 'approved')
      ORDER BY o.name, o.variant, o.version DESC`,
    [organisationCode],
  );
  return {
    organisationCode,
    overrides: latest.flatMap(
      ({ name, variant, version, body, subject, created_by, created_at, decided_by, decided_at }) =>
        body === null && subject === null
          ? []
          : [
              {
                name,
                variant,
                version,
                ...(body === null ? {} : { body }),
                ...(subject === null ? {} : { subject }),
                createdBy: created_by,
                createdAt: created_at,
                approvedBy: decided_by!,
                approvedAt: decided_at!,
              },
            ],
    ),
  };
}

/**
 * Where a version of an override stands: `proposed` (waiting for a second manager), `approved` (in use, or was),
 * `rejected`, `superseded` (a later version was put in use before it was decided), or `reverted` (this version
 * put the standard back).
 */
export type OverrideStatus = 'proposed' | 'approved' | 'rejected' | 'superseded' | 'reverted';

export interface OverrideVersion {
  id: string;
  name: string;
  variant: TemplateVariant;
  version: number;
  body?: string;
  subject?: string;
  status: OverrideStatus;
  /** True for the one version of the key letters use now (none: the standard). */
  inUse: boolean;
  createdBy: string;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** Every version of one override key, newest first: what was proposed, decided and reverted, by whom and when. */
export async function loadOverrideVersions(
  db: DataSource | EntityManager,
  organisationCode: string,
  name: string,
  variant: TemplateVariant,
): Promise<OverrideVersion[]> {
  const rows: {
    id: string;
    version: number;
    body: string | null;
    subject: string | null;
    created_by: string;
    created_at: Date;
    decision: 'approved' | 'rejected' | null;
    decided_by: string | null;
    decided_at: Date | null;
  }[] = await db.query(
    `SELECT o.id, o.version, o.body, o.subject, o.created_by, o.created_at, d.decision, d.decided_by, d.decided_at
       FROM template_override o
       LEFT JOIN template_override_decision d ON d.override_id = o.id
      WHERE o.organisation_code = $1 AND o.name = $2 AND o.variant = $3
      ORDER BY o.version DESC`,
    [organisationCode, name, variant],
  );
  const isRevert = (row: (typeof rows)[number]) => row.body === null && row.subject === null;
  const effective = rows.find((row) => isRevert(row) || row.decision === 'approved');
  return rows.map((row) => ({
    id: row.id,
    name,
    variant,
    version: row.version,
    ...(row.body === null ? {} : { body: row.body }),
    ...(row.subject === null ? {} : { subject: row.subject }),
    status: isRevert(row)
      ? 'reverted'
      : (row.decision ?? (effective && effective.version > row.version ? 'superseded' : 'proposed')),
    inUse: row === effective && !isRevert(row),
    createdBy: row.created_by,
    createdAt: row.created_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  }));
}
