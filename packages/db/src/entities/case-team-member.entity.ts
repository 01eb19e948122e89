import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Why a member of staff is on a complaint's case team (R-INT-8), each named by the procedure step that
 * names them. `involved` is the opposite: staff named as involved in the events, kept out of the file.
 */
export const CASE_TEAM_ROLES = Object.freeze([
  'handler',
  'clinical-reviewer',
  'contributor',
  'approver',
  'overseer',
  'involved',
] as const);
export type CaseTeamRole = (typeof CASE_TEAM_ROLES)[number];

/** One membership of a complaint's case team, from the step that named the person until one that ended it. */
@Entity()
export class CaseTeamMember {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'varchar', length: 64 })
  staffId!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: CaseTeamRole;

  /** The step that named them, e.g. `allocation:<uuid>`, `plan:2`, `draft:3` (undoing a refused step removes its rows). */
  @Column({ type: 'varchar', length: 80 })
  namedIn!: string;

  @Column({ type: 'varchar', length: 64 })
  namedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  namedAt!: Date;

  @Column({ type: 'varchar', length: 80, nullable: true })
  endedIn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
