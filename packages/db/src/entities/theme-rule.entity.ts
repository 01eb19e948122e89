import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ServiceArea, SubjectArea, ThemeRuleKind } from '@complaints/domain';

/**
 * A theme an organisation watches for (R-MON-3), optionally only for one subject or service area: at least
 * `threshold` complaints about the same subject and service area received within `withinDays` (`within-days`), or
 * in the financial quarter so far and more than `risePercent` per cent above the quarter before
 * (`rise-over-quarter`).
 */
@Entity()
export class ThemeRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  subjectArea!: SubjectArea | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  serviceArea!: ServiceArea | null;

  @Column({ type: 'int' })
  threshold!: number;

  @Column({ type: 'varchar', length: 24, default: 'within-days' })
  kind!: ThemeRuleKind;

  /** `within-days` only. */
  @Column({ type: 'int', nullable: true })
  withinDays!: number | null;

  /** `rise-over-quarter` only. */
  @Column({ type: 'int', nullable: true })
  risePercent!: number | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** A rule no longer watched; its alerts are kept. */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
