import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Learning and action points of one organisation from a joint case, for its own reporting (protocol 3.4). */
@Entity()
export class JointLearning {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  jointCaseId!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  @Column({ type: 'text' })
  learning!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  actionPoints!: { action: string; owner: string; dueOn?: string }[];

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
