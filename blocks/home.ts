import type { HomeView, KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import {
  checkInWording,
  homeGoalWording as gw,
  homeWording as w,
  stageWording,
  type ProgramSettings,
} from '../src/content/wording';
import { CHECK_IN_STATUSES } from '../src/domain/check-ins';
import { context, ephemeral, section, type EphemeralAnswer } from './message';
import { escapeMrkdwn, escapeWithin, mention } from './mrkdwn';
import { staffHomeBlocks, type StaffCommandHint } from './staff-home';
import { statusTally, type HomeData, type HomeGoal, type HomeRelationship } from '../src/domain/home';

/** The commands App Home points to, from the command table (so it names only what exists). */
export interface HomeHints {
  /** The commands to start with, each with its summary. */
  readonly start: readonly { readonly command: string; readonly summary: string }[];
  /** The usage that lists all of a mentor's mentees. */
  readonly listMentees: string;
  /** The usage with which a mentee writes (and reads) their goals; App Home names it when given. */
  readonly goals?: string | undefined;
  /** The staff commands, for the staff part. */
  readonly staffCommands?: readonly StaffCommandHint[] | undefined;
}

/** The App Home someone sees before they have a role in the program: what the bot is and how to start. */
export function welcomeBlocks(hints: HomeHints): KnownBlock[] {
  const start = hints.start
    .map((entry) => `• \`${escapeMrkdwn(entry.command)}\`: ${entry.summary}`)
    .join('\n');
  return [
    section(
      'Alumni mentors and student mentees meet here: apply, find a match, set SMART goals and check in, with reminders at the right moments.',
    ),
    section(`*Getting started*\n${start}`),
  ];
}

export type { HomeData, HomeRelationship } from '../src/domain/home';

/**
 * Where a relationship stands, in dates and statuses only: the stage, how many goals (and the formal end), the
 * next check-in date, late check-in dates (the first `lateShown`) and a pause.
 */
function standingLine(r: HomeRelationship, lateShown: number): string {
  const stage = stageWording[r.status as keyof typeof stageWording]?.name ?? r.status;
  const goals = r.goals ? w.goalsLine(r.goals, r.formalEndDate) : w.noGoals;
  const next = r.nextCheckIn ? ` · ${w.nextCheckIn(r.nextCheckIn)}` : '';
  const late = r.lateCheckIns?.length ? `\n${w.lateCheckIns(r.lateCheckIns.slice(0, lateShown))}` : '';
  const paused = r.pausedUntil ? `\n${w.paused(r.pausedUntil)}` : '';
  const met = `\n${r.lastMeeting ? w.lastMeeting(r.lastMeeting) : w.noMeeting}`;
  return `*${stage}* · ${goals}${next}${late}${paused}${met}`;
}

/** How many mentees `/mentor mentees` lists one by one (a message holds 50 blocks). */
const LISTED_MENTEES = 45;

/**
 * `/mentor mentees`: each mentee with the stage, the next and late check-in dates and any pause (dates and
 * statuses only, never what anyone wrote), under the mentor's seats and directory status.
 */
export function menteesMessage(mentor: NonNullable<HomeData['asMentor']>): EphemeralAnswer {
  const heading = `${w.menteesHeading}\n${w.capacity(mentor.open, mentor.capacity, mentor.listed)}`;
  const { relationships } = mentor;
  if (relationships.length === 0)
    return ephemeral({ text: w.noMentees, blocks: [section(heading), section(w.noMentees)] });
  const blocks: KnownBlock[] = [section(heading)];
  for (const r of relationships.slice(0, LISTED_MENTEES))
    blocks.push(section(`${mention(r.partnerId)}\n${standingLine(r, 9)}`));
  if (relationships.length > LISTED_MENTEES)
    blocks.push(context(w.moreMentees(relationships.length - LISTED_MENTEES)));
  return ephemeral({ text: w.menteesHeading, blocks });
}

/** How many relationships are listed one by one before the rest are summarised (keeps under 100 blocks). */
const LISTED_RELATIONSHIPS = 15;

/** How many of a mentee's relationships App Home lists one by one (each takes up to three blocks). */
const LISTED_MENTOR_RELATIONSHIPS = 3;

/** How many goals a mentee's Home lists per relationship (the form allows three). */
const LISTED_GOALS = 5;

/** How much of a goal's Specific answer its line shows (escaped), so a section stays far inside 3,000. */
const GOAL_TITLE_CHARACTERS = 150;

/**
 * A calendar day as App Home shows it, "Wed, Mar 4" (with the year when it isn't `today`'s year); the dates
 * are days in the mentee's calendar already. Anything that isn't an ISO date is shown escaped, as given.
 */
export function homeDay(isoDate: string, today?: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'utc' }) : undefined;
  if (!day?.isValid) return escapeWithin(isoDate, 40);
  const sameYear = today !== undefined && today.slice(0, 4) === isoDate.slice(0, 4);
  return day.setLocale('en-US').toFormat(sameYear ? 'ccc, LLL d' : 'ccc, LLL d, yyyy');
}

/**
 * Where a relationship stands on App Home, in dates and statuses only: the stage, the goals (for a mentor,
 * how many have each latest status) and formal end, the next check-in, late check-ins (the first three), a
 * pause and the last meeting, each day as people read it.
 */
function homeStandingLine(r: HomeRelationship, side: 'mentor' | 'mentee'): string {
  const day = (iso: string) => homeDay(iso, r.today);
  const stage = stageWording[r.status as keyof typeof stageWording]?.name ?? r.status;
  const end = r.formalEndDate ? ` · formal end ${day(r.formalEndDate)}` : '';
  const goals = !r.goals
    ? w.noGoals
    : side === 'mentor' && r.goalProgress
      ? `${goalTally(r.goalProgress)}${end}`
      : w.goalsLine(r.goals, r.formalEndDate && day(r.formalEndDate));
  const next = r.nextCheckIn ? `\n:calendar: ${w.nextCheckIn(day(r.nextCheckIn))}` : '';
  const late = r.lateCheckIns?.length ? `\n${w.lateCheckIns(r.lateCheckIns.slice(0, 3).map(day))}` : '';
  const paused = r.pausedUntil ? `\n${w.paused(day(r.pausedUntil))}` : '';
  const met = `\n${r.lastMeeting ? w.lastMeeting(day(r.lastMeeting)) : w.noMeeting}`;
  return `*${stage}* · ${goals}${next}${late}${paused}${met}`;
}

/** A mentor's view of a mentee's goals: how many there are and how many have each latest status. */
function goalTally(goals: readonly HomeGoal[]): string {
  const tally = statusTally(goals);
  const parts = [
    ...[...CHECK_IN_STATUSES]
      .reverse()
      .flatMap((status) =>
        tally[status] ? [gw.tallyPart(tally[status], checkInWording.statuses[status].toLowerCase())] : [],
      ),
    ...(tally.unrated ? [gw.tallyPart(tally.unrated, gw.unratedTally)] : []),
  ];
  return gw.tally(goals.length, parts);
}

/** The mentee's own goals, each with its latest status, its words (escaped, cut) and its dates. */
function goalsSection(r: HomeRelationship, hints: HomeHints): KnownBlock | undefined {
  const goals = r.goalProgress ?? [];
  if (goals.length === 0) return undefined;
  const lines = goals
    .slice(0, LISTED_GOALS)
    .map((goal) =>
      gw.goalLine(
        goal.status
          ? gw.status(checkInWording.statusEmoji[goal.status], checkInWording.statuses[goal.status])
          : gw.unrated,
        escapeWithin(goal.title ?? '', GOAL_TITLE_CHARACTERS),
        homeDay(goal.completeBy, r.today),
        goal.ratedOn && homeDay(goal.ratedOn, r.today),
      ),
    );
  const more = goals.length - LISTED_GOALS;
  if (more > 0)
    lines.push(hints.goals ? gw.moreGoals(more, escapeMrkdwn(hints.goals)) : gw.moreRelationships(more));
  return section([gw.goalsHeading, ...lines].join('\n'));
}

/**
 * The mentee's part of App Home: each mentor (the first three), the stage and what it means, each goal with
 * its latest status, the next check-in and the last meeting; in a goal stage with no goals yet, how to write
 * them.
 */
export function menteeHomeBlocks(relationships: readonly HomeRelationship[], hints: HomeHints): KnownBlock[] {
  if (relationships.length === 0) return [];
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: w.menteeHeading } }];
  for (const r of relationships.slice(0, LISTED_MENTOR_RELATIONSHIPS)) {
    blocks.push(
      section(
        `${mention(r.partnerId)} (${escapeWithin(r.partnerName, 100)})\n${homeStandingLine(r, 'mentee')}`,
      ),
    );
    const stage = stageWording[r.status as keyof typeof stageWording];
    if (stage) blocks.push(context(stage.purpose));
    const goals = goalsSection(r, hints);
    if (goals) blocks.push(goals);
    else if (['stage2', 'stage3', 'stage4'].includes(r.status) && hints.goals)
      blocks.push(context(gw.writeGoals(escapeMrkdwn(hints.goals))));
  }
  if (relationships.length > LISTED_MENTOR_RELATIONSHIPS)
    blocks.push(context(gw.moreRelationships(relationships.length - LISTED_MENTOR_RELATIONSHIPS)));
  return blocks;
}

/**
 * The mentor's part of App Home: seats and directory status, then each mentee (the first fifteen) with the
 * stage, how many goals have each latest status (never the goals' words), the next and late check-ins, a
 * pause and the last meeting.
 */
export function mentorHomeBlocks(mentor: NonNullable<HomeData['asMentor']>, hints: HomeHints): KnownBlock[] {
  const { relationships } = mentor;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: w.mentorHeading } },
    context(w.capacity(mentor.open, mentor.capacity, mentor.listed)),
  ];
  if (relationships.length === 0) blocks.push(section(w.noMentees));
  for (const r of relationships.slice(0, LISTED_RELATIONSHIPS))
    blocks.push(
      section(
        `${mention(r.partnerId)} (${escapeWithin(r.partnerName, 100)})\n${homeStandingLine(r, 'mentor')}`,
      ),
    );
  if (relationships.length > LISTED_RELATIONSHIPS)
    blocks.push(
      context(w.more(relationships.length - LISTED_RELATIONSHIPS, escapeMrkdwn(hints.listMentees))),
    );
  return blocks;
}

/** App Home: a section for each role the person has, or the welcome when they have none. */
export function homeView(program: ProgramSettings, data: HomeData, hints: HomeHints): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: program.name.slice(0, 150) } },
  ];
  blocks.push(...menteeHomeBlocks(data.asMentee ?? [], hints));
  if (data.asMentor) blocks.push(...mentorHomeBlocks(data.asMentor, hints));
  if (data.staff) blocks.push(...staffHomeBlocks(data.staff, hints.staffCommands));
  if (blocks.length === 1) blocks.push(...welcomeBlocks(hints));
  blocks.push(context(`Questions? Contact ${program.contact}.`));
  return { type: 'home', blocks };
}
