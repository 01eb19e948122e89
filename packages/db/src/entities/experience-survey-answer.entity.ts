import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProfileId, SurveyAnswers, SurveyRespondent } from '@complaints/domain';

/**
 * One answer to the experience survey (ADR 0023), kept apart from the case file: nothing here names the
 * complaint, the link, the person or when they answered; only what the aggregate report counts by.
 */
@Entity()
export class ExperienceSurveyAnswer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  @Column({ type: 'varchar', length: 32 })
  profileId!: ProfileId;

  @Column({ type: 'varchar', length: 16 })
  respondent!: SurveyRespondent;

  /** The financial quarter the complaint closed in, e.g. `2026-27-Q3`. */
  @Column({ type: 'varchar', length: 12 })
  closureQuarter!: string;

  @Column({ type: 'date' })
  closureQuarterFrom!: string;

  @Column({ type: 'jsonb' })
  answers!: SurveyAnswers;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;
}
