import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { staffAdmin } from './admin-commands';
import { registerSubcommands } from './command-router';
import { openGoals, readGoalsOf } from './goal-commands';
import { openCheckIn } from './check-in-commands';
import {
  endRelationship,
  openAgreements,
  openFitAssessment,
  pausePrompts,
  resumePrompts,
  showStage,
} from './lifecycle-commands';
import { findMentors, openApplication, requestMentor, setCapacity, setListed } from './enrollment-commands';

/** The slash commands the app answers; `manifest.yml` declares exactly these (a test keeps them in step). */
export const SLASH_COMMANDS = ['/mentoring', '/mentor', '/mentee', '/goals', '/checkin'] as const;

export function registerCommands(app: App, deps: SlackDeps): void {
  registerSubcommands(
    app,
    '/mentoring',
    {
      admin: staffAdmin,
      stage: showStage,
      status: showStage,
      agreements: openAgreements,
      pause: pausePrompts,
      resume: resumePrompts,
      end: endRelationship,
    },
    deps,
  );
  registerSubcommands(
    app,
    '/mentor',
    {
      apply: openApplication('mentor'),
      capacity: setCapacity,
      list: setListed(true),
      unlist: setListed(false),
      fit: openFitAssessment,
    },
    deps,
  );
  registerSubcommands(
    app,
    '/mentee',
    { apply: openApplication('mentee'), find: findMentors, request: requestMentor },
    deps,
  );
  registerSubcommands(app, '/goals', {}, deps, { defaultHandler: openGoals, otherwise: readGoalsOf });
  registerSubcommands(app, '/checkin', {}, deps, { defaultHandler: openCheckIn });
}
