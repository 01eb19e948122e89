import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What a complaint (or feedback, or an early resolution) taught the organisation (R-MON-1, R-MON-3), recorded by
 * staff on any case and counted in the reports. Append-only; staff's words, kept until disposal (ADR 0024).
 */
@Entity()
export class LearningPoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  complaintReference!: string;

  @Column({ type: 'text' })
  learning!: string;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
