import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A partner's reasons for varying from its own timescales, or its warning that it cannot meet the agreed one (R-JOINT-4). */
@Entity()
export class JointVariation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'varchar', length: 8 })
  partnerCode!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'variation' | 'cannot-meet';

  @Column({ type: 'text' })
  reasons!: string;

  @Column({ type: 'date', nullable: true })
  expectedOn!: string | null;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
