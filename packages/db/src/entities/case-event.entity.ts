import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ActorType = 'staff' | 'system';

/**
 * The case timeline: append-only (a trigger refuses UPDATE and DELETE). Every event says who, when and
 * what changed. `dedupeKey` makes an event written by a retried activity appear once.
 */
@Entity()
@Index(['complaintId', 'occurredAt'])
export class CaseEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  actorType!: ActorType;

  /** Staff user id, or the system component (`workflow`, `intake`). */
  @Column({ type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  /** Procedure rule behind the event, e.g. `R-ACK-1`. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  rule!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 200, nullable: true, unique: true })
  dedupeKey!: string | null;
}
