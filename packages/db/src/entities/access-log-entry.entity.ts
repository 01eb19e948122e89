import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a member of staff did with a complaint's file; `search` is the worklist, with the references it returned. */
export const ACCESS_ACTIONS = Object.freeze([
  'view',
  'search',
  'preview',
  'download',
  'export',
  'act',
] as const);
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * One access to complaints, allowed or refused: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE).
 * Staff ids and references only, never personal data; `purpose` is the break-glass grant's reason.
 */
@Entity()
export class AccessLogEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  staffId!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  /** The complaint opened; null for a search. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  complaintReference!: string | null;

  @Column({ type: 'varchar', length: 16 })
  action!: AccessAction;

  /** The route, e.g. `GET /complaints/:reference/plan`. */
  @Column({ type: 'varchar', length: 200 })
  resource!: string;

  @Column({ type: 'varchar', length: 16 })
  outcome!: 'allowed' | 'refused';

  /** Why it was allowed (`complaints-manager`, `case-team:handler`, `sign-off`, `oversight`, `break-glass`…). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  basis!: string | null;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  references!: string[];

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
