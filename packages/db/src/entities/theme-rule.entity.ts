import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ServiceArea, SubjectArea } from '@complaints/domain';

/**
 * A theme an organisation watches for (R-MON-3): at least `threshold` complaints about the same subject and
 * service area received within `withinDays`, optionally only for one subject or service area.
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

  @Column({ type: 'int' })
  withinDays!: number;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** A rule no longer watched; its alerts are kept. */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
