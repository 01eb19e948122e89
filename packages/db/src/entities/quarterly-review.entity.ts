import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An action a review set: what, who owns it and by when. */
export interface ReviewAction {
  description: string;
  ownerId: string;
  due: string;
}

/** R-MON-3: the record of a senior manager's review of a quarter: who, when, what they decided, which actions. */
@Entity()
@Unique(['organisationCode', 'quarter'])
export class QuarterlyReview {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  /** A financial quarter by name, e.g. `2026-27-Q2`, or a year (`2026-27`) for an annual trend review. */
  @Column({ type: 'varchar', length: 10 })
  quarter!: string;

  @Column({ type: 'varchar', length: 64 })
  reviewedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  reviewedAt!: Date;

  @Column({ type: 'text' })
  decisions!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  actions!: ReviewAction[];
}
