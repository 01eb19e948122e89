import type { DataSource, EntityManager } from 'typeorm';
import type { TemplateVariant } from './template-names';
import type { ActiveOverride, OrganisationOverrides } from './template-renderer';

/** An override in use, with who saved it and when. */
export interface StoredOverride extends ActiveOverride {
  createdBy: string;
  createdAt: Date;
}

export interface StoredOrganisationOverrides extends OrganisationOverrides {
  overrides: StoredOverride[];
}

/**
 * The organisation's overrides in use: the latest version of each (name, variant), unless that version reverted
 * it (no body and no subject).
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
  }[] = await db.query(
    `SELECT DISTINCT ON (name, variant) name, variant, version, body, subject, created_by, created_at
       FROM template_override
      WHERE organisation_code = $1
      ORDER BY name, variant, version DESC`,
    [organisationCode],
  );
  return {
    organisationCode,
    overrides: latest.flatMap(({ name, variant, version, body, subject, created_by, created_at }) =>
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
            },
          ],
    ),
  };
}
