import type { WebClient } from '@slack/web-api';
import { Types } from 'mongoose';
import type { Models } from '../src/store/database';
import { createPromptRepository, promptKey } from '../src/store/prompt-repository';
import type { SlackEmulator } from '../test/support/slack-emulator';

/**
 * Pairs that just started stage 1, ready for the dispatcher: both people known to the emulator, their
 * group DM opened there, their profiles and relationship in MongoDB, and their first-meeting agenda (a
 * prompt that goes out at once, to the pair) due now in the outbox.
 */

const ZONES = ['America/Chicago', 'America/New_York', 'Europe/London', 'Asia/Tokyo'] as const;
/** conversations.open calls in flight at once while setting up. */
const OPEN_CONCURRENCY = 16;

export interface SeededPairs {
  /** The agenda prompts' idempotency keys, one per pair. */
  keys: string[];
}

export async function seedStage1Pairs(
  models: Models,
  emulator: SlackEmulator,
  client: WebClient,
  options: { count: number; label: string; now: Date },
): Promise<SeededPairs> {
  const pairs = Array.from({ length: options.count }, (_, i) => {
    const zone = ZONES[i % ZONES.length] ?? 'America/Chicago';
    const mentorId = `UM${options.label}${i}`;
    const menteeId = `UE${options.label}${i}`;
    for (const id of [mentorId, menteeId]) emulator.addUser({ id, name: id.toLowerCase(), tz: zone });
    return { _id: new Types.ObjectId(), mentorId, menteeId, zone, channelId: '' };
  });
  for (let first = 0; first < pairs.length; first += OPEN_CONCURRENCY) {
    await Promise.all(
      pairs.slice(first, first + OPEN_CONCURRENCY).map(async (pair) => {
        const opened = await client.conversations.open({ users: `${pair.mentorId},${pair.menteeId}` });
        pair.channelId = opened.channel?.id ?? '';
      }),
    );
  }

  const { now } = options;
  const introducedAt = new Date(now.getTime() - 3 * 86_400_000);
  await models.profiles.insertMany(
    pairs.flatMap((pair) => [
      {
        userId: pair.mentorId,
        role: 'mentor',
        timezone: pair.zone,
        approved: true,
        capacity: 3,
        listed: true,
      },
      { userId: pair.menteeId, role: 'mentee', timezone: pair.zone, approved: true },
    ]),
  );
  await models.relationships.insertMany(
    pairs.map((pair) => ({
      _id: pair._id,
      mentorId: pair.mentorId,
      menteeId: pair.menteeId,
      status: 'stage1',
      requestedBy: pair.menteeId,
      requestedAt: introducedAt,
      channelId: pair.channelId,
      history: [
        { to: 'requested', actor: 'mentee', actorId: pair.menteeId, at: introducedAt },
        { from: 'requested', to: 'introduced', actor: 'mentor', actorId: pair.mentorId, at: introducedAt },
        { from: 'introduced', to: 'stage1', actor: 'mentor', actorId: pair.mentorId, at: now },
      ],
      stageStartedAt: now,
    })),
  );
  // The planner would write the same item (same key, due when stage 1 started); written directly here so
  // the dispatch figures don't include planning.
  await createPromptRepository(models).enqueue(
    pairs.map((pair) => ({
      relationshipId: pair._id.toString(),
      kind: 'first_meeting_agenda' as const,
      occurrence: 'once',
      dueAt: now,
    })),
  );
  return { keys: pairs.map((pair) => promptKey(pair._id.toString(), 'first_meeting_agenda', 'once')) };
}
