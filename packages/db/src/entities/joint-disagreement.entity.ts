import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A disagreement between organisations, referred to each one's responsible senior manager, and its outcome (R-JOINT-7). */
@Entity()
export class JointDisagreement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'varchar', length: 8 })
  raisedByCode!: string;

  @Column({ type: 'varchar', length: 8, array: true })
  withCodes!: string[];

  @Column({ type: 'text' })
  matter!: string;

  @Column({ type: 'varchar', length: 64 })
  raisedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  outcomeRecordedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt!: Date | null;
}
