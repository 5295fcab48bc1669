import type { HomeView, KnownBlock } from '@slack/types';
import { homeWording as w, stageWording, type ProgramSettings } from '../src/content/wording';
import { context, ephemeral, section, type EphemeralAnswer } from './message';
import { escapeMrkdwn, mention } from './mrkdwn';
import { staffHomeBlocks, type StaffCommandHint } from './staff-home';
import type { HomeData, HomeRelationship } from '../src/domain/home';

/** The commands App Home points to, from the command table (so it names only what exists). */
export interface HomeHints {
  /** The commands to start with, each with its summary. */
  readonly start: readonly { readonly command: string; readonly summary: string }[];
  /** The usage that lists all of a mentor's mentees. */
  readonly listMentees: string;
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

/** App Home: a section for each role the person has, or the welcome when they have none. */
export function homeView(program: ProgramSettings, data: HomeData, hints: HomeHints): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: program.name.slice(0, 150) } },
  ];
  const relationshipLine = (r: HomeRelationship) =>
    `${mention(r.partnerId)} (${escapeMrkdwn(r.partnerName)})\n${standingLine(r, 3)}`;
  if (data.asMentee?.length) {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: w.menteeHeading } });
    for (const r of data.asMentee.slice(0, 3)) {
      blocks.push(section(relationshipLine(r)));
      const stage = stageWording[r.status as keyof typeof stageWording];
      if (stage) blocks.push(context(stage.purpose));
    }
  }
  if (data.asMentor) {
    const { relationships } = data.asMentor;
    blocks.push({ type: 'header', text: { type: 'plain_text', text: w.mentorHeading } });
    blocks.push(context(w.capacity(data.asMentor.open, data.asMentor.capacity, data.asMentor.listed)));
    if (relationships.length === 0) blocks.push(section(w.noMentees));
    for (const r of relationships.slice(0, LISTED_RELATIONSHIPS)) blocks.push(section(relationshipLine(r)));
    if (relationships.length > LISTED_RELATIONSHIPS)
      blocks.push(
        context(w.more(relationships.length - LISTED_RELATIONSHIPS, escapeMrkdwn(hints.listMentees))),
      );
  }
  if (data.staff) blocks.push(...staffHomeBlocks(data.staff, hints.staffCommands));
  if (blocks.length === 1) blocks.push(...welcomeBlocks(hints));
  blocks.push(context(`Questions? Contact ${program.contact}.`));
  return { type: 'home', blocks };
}
