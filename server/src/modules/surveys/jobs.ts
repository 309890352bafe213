import type { Job } from '../../core/jobs.js';
import { indexAnonymousTexts, runSchedule } from './commands.js';

/** The surveys' background work. */
export const surveyJobs: Job[] = [
  {
    // Drafts open at opensAt, open surveys close at closesAt (to the minute).
    name: 'surveys.schedule',
    everyMs: 60_000,
    async run({ database }) {
      await runSchedule(database);
    },
  },
  {
    // Anonymous surveys' free-text answers reach the search a day later, in a random order.
    name: 'surveys.index-texts',
    everyMs: 30 * 60_000,
    async run({ database }) {
      await indexAnonymousTexts(database);
    },
  },
];
