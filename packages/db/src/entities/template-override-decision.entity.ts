import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Issue #14, the two-person rule: a second complaints manager or senior manager's decision on a proposed template
 * override; only an approved override is used in letters. One per override, never changed, and never by the
 * override's author (the database refuses both).
 */
@Entity()
export class TemplateOverrideDecision {
  @PrimaryColumn({ type: 'uuid' })
  overrideId!: string;

  @Column({ type: 'varchar', length: 16 })
  decision!: 'approved' | 'rejected';

  @Column({ type: 'varchar', length: 64 })
  decidedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt!: Date;
}
