import { randomBytes } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import type { RelationshipStatus } from '../../src/domain/relationship-stages';
import type { TestBot } from './test-bot';

/**
 * Relationships written straight into MongoDB at a chosen point of their life, so scheduling tests can
 * start where the prompts are (the lifecycle tests cover getting there through Slack).
 */

/** A new Slack user in the emulator, in this time zone. */
export function person(t: TestBot, tz: string, prefix = 'U'): string {
  const id = `${prefix}${randomBytes(4).toString('hex').toUpperCase()}`;
  t.emulator.addUser({ id, name: id.toLowerCase(), real_name: `Person ${id}`, tz });
  return id;
}

export interface SeededPair {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  channel: string;
}

export async function seedPair(
  t: TestBot,
  options: {
    status: RelationshipStatus;
    /** When each stage started (ISO instants), in order. */
    stageStarts: Partial<Record<RelationshipStatus, string>>;
    mentorTz?: string;
    menteeTz?: string;
    /** One goal with these check-in dates; its complete-by date is the formal end date. */
    goal?: { checkIns: string[]; completeBy: string };
    lastActivityAt?: string;
    talkAgainOn?: string;
  },
): Promise<SeededPair> {
  const { models } = t.bot.database;
  const mentorId = person(t, options.mentorTz ?? 'America/Chicago', 'UM');
  const menteeId = person(t, options.menteeTz ?? 'America/Chicago', 'US');
  for (const [userId, role, tz] of [
    [mentorId, 'mentor', options.mentorTz ?? 'America/Chicago'],
    [menteeId, 'mentee', options.menteeTz ?? 'America/Chicago'],
  ] as const)
    await models.profiles.create({
      userId,
      role,
      displayName: `Person ${userId}`,
      timezone: tz,
      approved: true,
      ...(role === 'mentor' ? { capacity: 3, openRelationships: 1, listed: true } : {}),
    });
  const client = new WebClient(t.emulator.botToken, { slackApiUrl: t.emulator.apiUrl });
  const channel = (await client.conversations.open({ users: `${mentorId},${menteeId}` })).channel?.id ?? '';
  const starts = Object.entries(options.stageStarts) as [RelationshipStatus, string][];
  const first = starts[0]?.[1] ?? t.clock.now().toISO();
  const history = [
    { to: 'requested', actor: 'mentee', actorId: menteeId, at: new Date(first!) },
    ...starts.map(([to, at]) => ({ to, actor: 'mentor', actorId: mentorId, at: new Date(at) })),
  ];
  const relationship = await models.relationships.create({
    mentorId,
    menteeId,
    status: options.status,
    requestedBy: menteeId,
    requestedAt: new Date(first!),
    channelId: channel,
    history,
    ...(options.goal ? { formalEndDate: options.goal.completeBy } : {}),
    ...(options.lastActivityAt ? { lastActivityAt: new Date(options.lastActivityAt) } : {}),
    ...(options.talkAgainOn ? { talkAgainOn: options.talkAgainOn } : {}),
    nextPlanAt: t.clock.now().toJSDate(),
  });
  const relationshipId = relationship._id.toString();
  if (options.goal)
    await models.goalForms.create({
      relationshipId,
      version: 1,
      submittedBy: menteeId,
      goals: [
        {
          specific: 'Land a summer internship in data science',
          measurable: 'Offer letter',
          achievable: 'Career fair and alumni network',
          relevant: 'First step to a research career',
          actions: ['Polish CV', 'Apply to 10 roles'],
          completeBy: options.goal.completeBy,
          checkIns: options.goal.checkIns,
        },
      ],
    });
  return { relationshipId, mentorId, menteeId, channel };
}

/** Marks a relationship changed, as the app does after any change that shapes its schedule. */
export async function markChanged(t: TestBot, relationshipId: string, set: Record<string, unknown> = {}) {
  await t.bot.database.models.relationships.updateOne(
    { _id: relationshipId },
    { $set: { ...set, nextPlanAt: t.clock.now().toJSDate() } },
  );
}

/** The outbox items of a relationship, by kind and occurrence. */
export async function outboxOf(t: TestBot, relationshipId: string) {
  const items = await t.bot.database.models.prompts.find({ relationshipId }).sort({ dueAt: 1 }).lean();
  return items.map((item) => ({
    kind: item.kind,
    occurrence: item.occurrence,
    state: item.state,
    dueAt: DateTime.fromJSDate(item.dueAt, { zone: 'utc' }).toISO({ suppressMilliseconds: true }),
    attempts: item.attempts,
    lastError: item.lastError,
  }));
}

/** Prompt messages (tagged with their key) posted into a channel, by key. */
export function promptKeysIn(t: TestBot, channel: string): string[] {
  return (
    t.emulator
      .messages(channel)
      .map((m) => m.metadata?.event_payload.key)
      .filter((key): key is string => typeof key === 'string')
      // Notices (written with a change, keyed `relationship:…` or `application:…`) are not prompts.
      .filter((key) => !/^(relationship|application):/.test(key))
  );
}

/** Sets the clock and runs one scheduler tick (plan, then dispatch). */
export async function tickAt(t: TestBot, iso: string): Promise<void> {
  t.clock.set(DateTime.fromISO(iso, { zone: 'utc' }));
  await t.bot.scheduler.tick();
}
