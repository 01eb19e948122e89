import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Conflicting information between organisations, flagged and resolved before the response (R-JOINT-4). */
@Entity()
export class JointConflict {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'varchar', length: 8, array: true })
  betweenCodes!: string[];

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 64 })
  flaggedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  flaggedAt!: Date;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
