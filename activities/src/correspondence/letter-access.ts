import type { DataSource } from 'typeorm';
import type { Complaint, Correspondence } from '@complaints/db';
import { createSurveyLetterAccess } from '../experience-survey/survey-letter-access';
import { createProgressAccess, type ProgressAccessSettings } from './progress-access';

/**
 * The ways in that a letter to the complainant carries only in its print copy: the progress code
 * (acknowledgement, ADR 0028) and the survey code (experience survey by post, ADR 0023).
 */
export function createLetterAccess(dataSource: DataSource, settings: ProgressAccessSettings) {
  const progress = createProgressAccess(dataSource, settings);
  const survey = createSurveyLetterAccess(dataSource, { publicWebUrl: settings.publicWebUrl });
  return {
    progress,
    /** The letter's HTML as printed; `emailed` when the person has the progress link by email with it. */
    async forLetter(complaint: Complaint, item: Correspondence, html: string, emailed: boolean) {
      return survey.forLetter(complaint, item, await progress.forLetter(complaint, html, emailed));
    },
  };
}
