import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An organisation's own version of a letter template or partial (issue #5), append-only: each save is a new
 * version of its key (organisation, name, variant) and the latest is in use; a version without a body and
 * without a subject reverts the key to the standard template. Sent items name the version, so old versions are
 * kept.
 */
@Entity()
@Index(['organisationCode', 'name', 'variant', 'version'], { unique: true })
export class TemplateOverride {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  /** A template of the catalogue (`acknowledgement`) or a partial (`letterhead`). */
  @Column({ type: 'varchar', length: 64 })
  name!: string;

  /** `standard` or `easy-read`; partials are shared by every variant, so always `standard`. */
  @Column({ type: 'varchar', length: 16, default: 'standard' })
  variant!: string;

  /** The Handlebars source of the body; null: the standard body (and, with no subject, a revert). */
  @Column({ type: 'text', nullable: true })
  body!: string | null;

  /** The Handlebars source of the subject line (a template only); null: the standard subject. */
  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
