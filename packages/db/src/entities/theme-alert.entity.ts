import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReviewAction } from './quarterly-review.entity';

/**
 * A theme found by a rule: raised once while it is open, closed by a complaints manager with what was done
 * about it and the actions it led to.
 */
@Entity()
export class ThemeAlert {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ruleId!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  @Column({ type: 'varchar', length: 64 })
  subjectArea!: string;

  @Column({ type: 'varchar', length: 64 })
  serviceArea!: string;

  /** The window the complaints were received in, ISO dates. */
  @Column({ type: 'date' })
  windowFrom!: string;

  @Column({ type: 'date' })
  windowTo!: string;

  @Column({ type: 'text', array: true })
  complaintReferences!: string[];

  /** The review run that raised it. */
  @Column({ type: 'varchar', length: 200 })
  raisedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  closedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  closingNote!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  actions!: ReviewAction[];
}
