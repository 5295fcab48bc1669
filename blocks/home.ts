import type { HomeView, KnownBlock } from '@slack/types';
import { commandHelp, homeWording as w, stageWording, type ProgramSettings } from '../src/content/wording';
import { context, section } from './message';
import { escapeMrkdwn, mention } from './mrkdwn';

/** The App Home someone sees before they have a role in the program: what the bot is and how to start. */
export function welcomeBlocks(program: ProgramSettings): KnownBlock[] {
  const help = commandHelp(program);
  const start = ['/mentor', '/mentee', '/mentoring']
    .map((command) => help[command])
    .filter((entry) => entry !== undefined)
    .map((entry) => `• \`${entry.command}\`: ${entry.summary}`)
    .join('\n');
  return [
    section(
      'Alumni mentors and student mentees meet here: apply, find a match, set SMART goals and check in, with reminders at the right moments.',
    ),
    section(`*Getting started*\n${start}`),
  ];
}

export interface HomeRelationship {
  partnerId: string;
  partnerName: string;
  status: string;
  goals: number;
  formalEndDate?: string | undefined;
  nextCheckIn?: string | undefined;
  /** Check-in dates gone by with no check-in. */
  lateCheckIns?: string[] | undefined;
  /** The pair paused the program's prompts until this day. */
  pausedUntil?: string | undefined;
}

export interface HomeData {
  asMentor?:
    { relationships: HomeRelationship[]; open: number; capacity: number; listed: boolean } | undefined;
  asMentee?: HomeRelationship[] | undefined;
  staff?:
    { pendingApplications: number; waitingRequests: number; byStage: Record<string, number> } | undefined;
}

/** How many relationships are listed one by one before the rest are summarised (keeps under 100 blocks). */
const LISTED_RELATIONSHIPS = 15;

/** App Home: a section for each role the person has, or the welcome when they have none. */
export function homeView(program: ProgramSettings, data: HomeData): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: program.name.slice(0, 150) } },
  ];
  const relationshipLine = (r: HomeRelationship) => {
    const stage = stageWording[r.status as keyof typeof stageWording]?.name ?? r.status;
    const goals = r.goals ? w.goalsLine(r.goals, r.formalEndDate) : w.noGoals;
    const next = r.nextCheckIn ? ` · ${w.nextCheckIn(r.nextCheckIn)}` : '';
    const late = r.lateCheckIns?.length ? `\n${w.lateCheckIns(r.lateCheckIns.slice(0, 3))}` : '';
    const paused = r.pausedUntil ? `\n${w.paused(r.pausedUntil)}` : '';
    return `${mention(r.partnerId)} (${escapeMrkdwn(r.partnerName)})\n*${stage}* · ${goals}${next}${late}${paused}`;
  };
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
      blocks.push(context(w.more(relationships.length - LISTED_RELATIONSHIPS)));
  }
  if (data.staff) {
    const counts = Object.entries(data.staff.byStage)
      .map(([status, n]) => `${stageWording[status as keyof typeof stageWording]?.name ?? status}: ${n}`)
      .join(' · ');
    blocks.push({ type: 'header', text: { type: 'plain_text', text: w.staffHeading } });
    blocks.push(
      section(
        [
          w.staff.pending(data.staff.pendingApplications),
          w.staff.requests(data.staff.waitingRequests),
          w.staff.stages(counts),
        ].join('\n'),
      ),
    );
  }
  if (blocks.length === 1) blocks.push(...welcomeBlocks(program));
  blocks.push(context(`Questions? Contact ${program.contact}.`));
  return { type: 'home', blocks };
}
