import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Nation, ProfileId, RetentionOverrides, TitledRole } from '@complaints/domain';

/** An organisation handling complaints, with the policy profile its new complaints are pinned to. */
@Entity()
export class Organisation {
  /** Short code used in complaint references, e.g. `HPFT`. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  profileId!: ProfileId;

  @Column({ type: 'int' })
  profileVersion!: number;

  /** Whose bank holidays count (procedure §0). */
  @Column({ type: 'varchar', length: 32, default: 'england-and-wales' })
  nation!: Nation;

  /** Extra closure days the organisation configures (procedure §0), ISO dates. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  closureDays!: string[];

  /** Letterhead lines for correspondence (address, telephone, email). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  letterhead!: { addressLines?: string[]; telephone?: string; email?: string; website?: string };

  /** Retention periods in years where the organisation departs from the Records Management Code (ADR 0013). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  retentionYears!: RetentionOverrides;

  /** The organisation's own titles for the procedure's roles (`roleTitle`, R-RESP-2, R-PERS-1); the seed's otherwise. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  roleTitles!: Partial<Record<TitledRole, string>>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
