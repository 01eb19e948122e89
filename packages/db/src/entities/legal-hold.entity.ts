import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A legal hold on a case file (litigation, an inquiry, the Ombudsman): while one is in place the case file is
 * not disposed of, however long ago it closed. Placed and lifted with a reason; a trigger keeps it as evidence.
 */
@Entity()
export class LegalHold {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  complaintReference!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 64 })
  placedBy!: string;

  @Column({ type: 'timestamptz' })
  placedAt!: Date;

  @Column({ type: 'text', nullable: true })
  liftReason!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  liftedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;
}
