import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The co-ordination meeting or call of a complex joint case, as the lead recorded it (R-JOINT-3). */
@Entity()
export class JointCoordination {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'date' })
  heldOn!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'meeting' | 'call';

  @Column({ type: 'varchar', length: 8, array: true })
  attended!: string[];

  @Column({ type: 'text' })
  notes!: string;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
