import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import { buttonValue, lastOpenedModal, responseTexts } from '../support/flows';
import {
  markChanged,
  outboxOf,
  promptKeysIn,
  seedPair,
  tickAt,
  type SeededPair,
} from '../support/prompt-seeds';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

/**
 * The prompt schedule end to end: the real bot, its MongoDB outbox and the Slack emulator, with the clock
 * set by the test and the scheduler ticked by hand. Pairs are seeded where their prompts are.
 */

const CHICAGO = 'America/Chicago';

const kinds = (items: { kind: string; state: string }[], state: string) =>
  items.filter((i) => i.state === state).map((i) => i.kind);
const dueOf = async (t: TestBot, relationshipId: string, kind: string, occurrence?: string) =>
  (await outboxOf(t, relationshipId)).find(
    (i) => i.kind === kind && (occurrence === undefined || i.occurrence === occurrence),
  );
const keysOf = (t: TestBot, pair: SeededPair, channel = pair.channel) =>
  promptKeysIn(t, channel).map((key) => key.slice(pair.relationshipId.length + 1));
/** Whether the last modal opened has this callback id (false before any modal is opened). */
const modalOpened = (t: TestBot, callbackId: string) =>
  t.emulator.callsTo('views.open').some((c) => (c.response as { ok?: boolean }).ok) &&
  lastOpenedModal(t).callback_id === callbackId;
const dmOf = (t: TestBot, userId: string) => t.emulator.conversationOf([userId]) ?? '-';

describe('scheduled prompts', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  describe('stage 1', () => {
    let pair: SeededPair;
    it('the first-meeting agenda reaches the pair as stage 1 starts, with the agreements button', async () => {
      pair = await seedPair(t, { status: 'stage1', stageStarts: { stage1: '2026-03-02T15:00:00Z' } });
      await tickAt(t, '2026-03-02T15:00:00Z');
      expect(keysOf(t, pair)).toEqual(['first_meeting_agenda:once']);
      const agenda = t.emulator.messages(pair.channel)[0]!;
      expect(buttonValue(agenda, ACTIONS.recordAgreements)).toBe(pair.relationshipId);
    });

    it('the second-meeting questions reach the mentor a week later at 10:00 Chicago time, after the March clock change', async () => {
      // 8 March 2026: Chicago moves to CDT (UTC-5), so 10:00 local is 15:00 UTC, not 16:00.
      expect((await dueOf(t, pair.relationshipId, 'second_meeting_questions'))?.dueAt).toBe(
        '2026-03-09T15:00:00Z',
      );
      await tickAt(t, '2026-03-09T14:59:00Z');
      expect(keysOf(t, pair, dmOf(t, pair.mentorId))).toEqual([]);
      await tickAt(t, '2026-03-09T15:00:00Z');
      expect(keysOf(t, pair, dmOf(t, pair.mentorId))).toEqual(['second_meeting_questions:once']);
      expect(keysOf(t, pair)).toEqual(['first_meeting_agenda:once']); // nothing twice
    });

    it('mentor tips every few weeks, spaced the same way on every plan', async () => {
      const tips = (await outboxOf(t, pair.relationshipId)).filter((i) => i.kind === 'mentor_tip');
      expect(tips.length).toBeGreaterThan(5);
      const first = DateTime.fromISO(tips[0]!.dueAt!);
      const days = first.diff(DateTime.fromISO('2026-03-02T15:00:00Z'), 'days').days;
      expect(days).toBeGreaterThanOrEqual(21);
      expect(days).toBeLessThanOrEqual(38); // 21-35 days, then the next weekday at 10:00
      await markChanged(t, pair.relationshipId);
      await tickAt(t, '2026-03-09T15:01:00Z');
      const again = (await outboxOf(t, pair.relationshipId)).filter((i) => i.kind === 'mentor_tip');
      expect(again.map((i) => i.dueAt)).toEqual(tips.map((i) => i.dueAt));
    });
  });

  describe('the goal form', () => {
    let pair: SeededPair;
    it('stage 2 opens with the invitation and its button, for the mentee only', async () => {
      t.clock.set(DateTime.fromISO('2026-03-02T15:00:00Z'));
      pair = await seedPair(t, {
        status: 'stage2',
        stageStarts: { stage1: '2026-02-16T15:00:00Z', stage2: '2026-03-02T15:00:00Z' },
      });
      await tickAt(t, '2026-03-02T15:00:00Z');
      expect(keysOf(t, pair)).toEqual(['goal_form_invitation:once']);
      const invitation = t.emulator.messages(pair.channel)[0]!;
      expect(buttonValue(invitation, ACTIONS.openGoalForm)).toBe(pair.relationshipId);
      await t.slack.blockAction(
        { userId: pair.mentorId },
        { actionId: ACTIONS.openGoalForm, value: pair.relationshipId },
        { message: { channel: pair.channel, ts: invitation.ts } },
      );
      await waitFor(() => responseTexts(t).some((r) => r.includes('The goal form opens once')));
      await t.slack.blockAction(
        { userId: pair.menteeId },
        { actionId: ACTIONS.openGoalForm, value: pair.relationshipId },
        { message: { channel: pair.channel, ts: invitation.ts } },
      );
      await waitFor(() => modalOpened(t, VIEWS.goalForm));
    });

    it('reminds on day 10 while no form is written; the form cancels the day-14 reminder', async () => {
      expect((await dueOf(t, pair.relationshipId, 'goal_form_reminder', 'day10'))?.dueAt).toBe(
        '2026-03-12T15:00:00Z',
      );
      await tickAt(t, '2026-03-12T15:00:00Z');
      expect(keysOf(t, pair)).toEqual(['goal_form_invitation:once', 'goal_form_reminder:day10']);
      await t.bot.database.models.goalForms.create({
        relationshipId: pair.relationshipId,
        version: 1,
        submittedBy: pair.menteeId,
        goals: [
          { specific: 'x', completeBy: '2026-08-14', checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'] },
        ],
      });
      await markChanged(t, pair.relationshipId);
      await tickAt(t, '2026-03-16T15:00:00Z');
      expect((await dueOf(t, pair.relationshipId, 'goal_form_reminder', 'day14'))?.state).toBe('cancelled');
      expect(keysOf(t, pair)).not.toContain('goal_form_reminder:day14');
    });
  });

  describe('check-ins and close-out across the November clock change', () => {
    let pair: SeededPair;
    beforeAll(async () => {
      t.clock.set(DateTime.fromISO('2026-10-01T15:00:00Z'));
      pair = await seedPair(t, {
        status: 'stage3',
        stageStarts: {
          stage1: '2026-08-03T15:00:00Z',
          stage2: '2026-09-01T15:00:00Z',
          stage3: '2026-10-01T15:00:00Z',
        },
        goal: { checkIns: ['2026-10-28', '2026-11-02', '2026-11-20'], completeBy: '2026-12-18' },
      });
      await tickAt(t, '2026-10-01T15:00:00Z');
    });

    it('each check-in date gets a nudge at 10:00 local: 15:00 UTC in October, 16:00 UTC once CST returns', async () => {
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-10-28'))?.dueAt).toBe(
        '2026-10-28T15:00:00Z',
      );
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-11-02'))?.dueAt).toBe(
        '2026-11-02T16:00:00Z',
      );
      await tickAt(t, '2026-10-28T15:00:00Z');
      expect(keysOf(t, pair)).toEqual(['check_in_nudge:2026-10-28']);
      const nudge = t.emulator.messages(pair.channel)[0]!;
      expect(buttonValue(nudge, ACTIONS.openCheckIn)).toBe(pair.relationshipId);
    });

    it('a missed check-in is chased 3 days later (moved off the weekend); an early check-in cancels its own prompts', async () => {
      // 31 October is a Saturday: the reminder waits for Monday 2 November, 10:00 CST.
      expect((await dueOf(t, pair.relationshipId, 'check_in_overdue', '2026-10-28'))?.dueAt).toBe(
        '2026-11-02T16:00:00Z',
      );
      await t.bot.database.models.checkIns.create({
        relationshipId: pair.relationshipId,
        dueDate: '2026-11-02',
        goalFormVersion: 1,
        submittedBy: pair.menteeId,
        goals: [{ goalIndex: 0, status: 'on_track', evidence: 'CV sent' }],
      });
      await markChanged(t, pair.relationshipId);
      await tickAt(t, '2026-11-02T16:00:00Z');
      expect(keysOf(t, pair)).toEqual(['check_in_nudge:2026-10-28', 'check_in_overdue:2026-10-28']);
      const items = await outboxOf(t, pair.relationshipId);
      expect(items.filter((i) => i.occurrence === '2026-11-02').map((i) => i.state)).toEqual([
        'cancelled',
        'cancelled',
      ]);
    });

    it('the stage 3 questions come half-way to the formal end; the close-out reflection a week before it, with its button', async () => {
      expect((await dueOf(t, pair.relationshipId, 'stage3_reflection'))?.dueAt).toBe('2026-11-09T16:00:00Z');
      expect((await dueOf(t, pair.relationshipId, 'close_out_reflection'))?.dueAt).toBe(
        '2026-12-11T16:00:00Z',
      );
      await tickAt(t, '2026-11-09T16:00:00Z');
      expect(keysOf(t, pair)).toContain('stage3_reflection:once');
      await tickAt(t, '2026-12-11T16:00:00Z');
      const closeOut = t.emulator
        .messages(pair.channel)
        .find(
          (m) => m.metadata?.event_payload.key === `${pair.relationshipId}:close_out_reflection:2026-12-18`,
        )!;
      expect(buttonValue(closeOut, ACTIONS.openReflection)).toBe(pair.relationshipId);
    });

    it('the reflection opens for the pair only, and what one writes is shared in their conversation', async () => {
      await t.slack.blockAction(
        { userId: PEOPLE.dan.id },
        { actionId: ACTIONS.openReflection, value: pair.relationshipId },
        { message: { channel: pair.channel, ts: '1.1' } },
      );
      await waitFor(() => responseTexts(t).some((r) => r.includes('Only the two people')));
      await t.slack.blockAction(
        { userId: pair.menteeId },
        { actionId: ACTIONS.openReflection, value: pair.relationshipId },
        { message: { channel: pair.channel, ts: '1.1' } },
      );
      await waitFor(() => modalOpened(t, VIEWS.reflection));
      const text = (value: string) => ({ type: 'plain_text_input', value });
      const incomplete = await t.slack.viewSubmission({ userId: pair.menteeId }, lastOpenedModal(t), {
        [FIELD_BLOCK('accomplishments')]: { [FIELD_ACTION('accomplishments')]: text('An internship offer') },
      });
      expect(incomplete.json).toMatchObject({ response_action: 'errors' });
      const shared = await t.slack.viewSubmission({ userId: pair.menteeId }, lastOpenedModal(t), {
        [FIELD_BLOCK('accomplishments')]: { [FIELD_ACTION('accomplishments')]: text('An internship offer') },
        [FIELD_BLOCK('challenges')]: { [FIELD_ACTION('challenges')]: text('Time management') },
        [FIELD_BLOCK('remember')]: { [FIELD_ACTION('remember')]: text('Ask early') },
        [FIELD_BLOCK('ahead')]: { [FIELD_ACTION('ahead')]: text('Final year') },
        [FIELD_BLOCK('continueInformally')]: {
          [FIELD_ACTION('continueInformally')]: {
            type: 'radio_buttons',
            selected_option: { value: 'maybe' },
          },
        },
      });
      expect(shared.json).toBeUndefined();
      await waitFor(() =>
        t.emulator
          .messages(pair.channel)
          .some((m) => JSON.stringify(m.blocks).includes('An internship offer')),
      );
    });

    it('an ended relationship gets nothing more: its pending prompts are cancelled', async () => {
      t.clock.set(DateTime.fromISO('2026-10-01T15:00:00Z'));
      const ended = await seedPair(t, {
        status: 'stage3',
        stageStarts: { stage3: '2026-10-01T15:00:00Z' },
        goal: { checkIns: ['2026-10-28', '2026-11-02', '2026-11-20'], completeBy: '2026-12-18' },
      });
      await tickAt(t, '2026-10-01T15:00:00Z');
      expect(kinds(await outboxOf(t, ended.relationshipId), 'pending')).toContain('check_in_nudge');
      await markChanged(t, ended.relationshipId, { status: 'ended_early' });
      await tickAt(t, '2026-10-28T15:00:00Z');
      expect(kinds(await outboxOf(t, ended.relationshipId), 'pending')).toEqual([]);
      expect(keysOf(t, ended)).toEqual([]);
    });
  });

  describe('local time for pairs in different zones', () => {
    it('Chicago and Tokyo never share working hours: 19:00 for the mentee in Chicago is 09:00 at work in Tokyo, never midnight', async () => {
      t.clock.set(DateTime.fromISO('2026-04-01T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'stage3',
        stageStarts: { stage3: '2026-04-01T15:00:00Z' },
        menteeTz: CHICAGO,
        mentorTz: 'Asia/Tokyo',
        goal: { checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'], completeBy: '2026-08-14' },
      });
      await tickAt(t, '2026-04-01T15:00:00Z');
      // The mentee's 10:00 (15:00 UTC) would be midnight in Tokyo.
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-04-15'))?.dueAt).toBe(
        '2026-04-16T00:00:00Z',
      );
    });

    it('a London mentee and a Chicago mentor meet in the hour nearest 10:00 that is working time for both', async () => {
      const pair = await seedPair(t, {
        status: 'stage3',
        stageStarts: { stage3: '2026-04-01T15:00:00Z' },
        menteeTz: 'Europe/London',
        mentorTz: CHICAGO,
        goal: { checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'], completeBy: '2026-08-14' },
      });
      await tickAt(t, '2026-04-01T15:01:00Z');
      // 15:00 in London (BST) is 09:00 in Chicago (CDT): the first hour inside both working days.
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-04-15'))?.dueAt).toBe(
        '2026-04-15T14:00:00Z',
      );
    });
  });

  describe('time zones follow Slack', () => {
    it('a mentee who moves is reached at their new 10:00 once the stored zone is a week old', async () => {
      t.clock.set(DateTime.fromISO('2026-04-01T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'stage3',
        stageStarts: { stage3: '2026-04-01T15:00:00Z' },
        goal: { checkIns: ['2026-05-15', '2026-06-15', '2026-07-15'], completeBy: '2026-08-14' },
      });
      await tickAt(t, '2026-04-01T15:00:00Z');
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-05-15'))?.dueAt).toBe(
        '2026-05-15T15:00:00Z',
      );
      t.emulator.addUser({
        id: pair.menteeId,
        name: 'moved',
        real_name: 'Moved Mentee',
        tz: 'America/New_York',
      });
      t.emulator.addUser({ id: pair.mentorId, name: 'mentor', real_name: 'Mentor', tz: 'America/New_York' });
      await markChanged(t, pair.relationshipId, { lastActivityAt: new Date('2026-04-09T15:00:00Z') });
      await tickAt(t, '2026-04-09T15:00:00Z');
      // The old item keeps its key and time (insert-only); the next new occurrence uses the new zone.
      expect((await t.bot.database.models.profiles.findOne({ userId: pair.menteeId }).lean())?.timezone).toBe(
        'America/New_York',
      );
      expect((await dueOf(t, pair.relationshipId, 'quiet_relationship', '2026-04-09'))?.dueAt).toBe(
        '2026-05-01T14:00:00Z', // 21 days on is 11:00 EDT on 30 April: past 10:00, so the next working day,
      );
    });
  });

  describe('time zones from Slack’s user_change', () => {
    it('a mentee who moves is planned in the new zone at once, with no users.info call in planning', async () => {
      t.clock.set(DateTime.fromISO('2026-04-01T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'stage3',
        stageStarts: { stage3: '2026-04-01T15:00:00Z' },
        goal: { checkIns: ['2026-05-15', '2026-06-15', '2026-07-15'], completeBy: '2026-08-14' },
      });
      // Both zones were just read from Slack: the refresher leaves them alone for a week.
      for (const userId of [pair.menteeId, pair.mentorId])
        await t.bot.database.models.profiles.updateMany(
          { userId },
          { $set: { timezoneCheckedAt: new Date('2026-04-01T15:00:00Z') } },
        );
      await tickAt(t, '2026-04-01T15:00:00Z');
      expect((await dueOf(t, pair.relationshipId, 'quiet_relationship', '2026-04-01'))?.dueAt).toBe(
        '2026-04-22T15:00:00Z',
      );

      t.clock.set(DateTime.fromISO('2026-04-02T15:00:00Z'));
      const zoneReads = t.emulator.callsTo('users.info').length;
      const profileOf = (userId: string) => t.bot.database.models.profiles.findOne({ userId }).lean();
      for (const userId of [pair.menteeId, pair.mentorId]) {
        const changed = t.emulator.changeUser(userId, { tz: 'America/New_York' });
        expect((await t.slack.event(changed)).status).toBe(200);
        await waitFor(async () => (await profileOf(userId))?.timezone === 'America/New_York');
      }
      // The move marked the pair for planning.
      const relationship = await t.bot.database.models.relationships.findById(pair.relationshipId).lean();
      expect(relationship?.nextPlanAt).toEqual(new Date('2026-04-02T15:00:00Z'));
      await markChanged(t, pair.relationshipId, { lastActivityAt: new Date('2026-04-02T15:00:00Z') });
      await tickAt(t, '2026-04-02T15:00:00Z');
      // 21 days on is 11:00 EDT on Thursday 23 April: past 10:00, so Friday's 10:00 EDT.
      expect((await dueOf(t, pair.relationshipId, 'quiet_relationship', '2026-04-02'))?.dueAt).toBe(
        '2026-04-24T14:00:00Z',
      );
      // Nobody asked Slack about them: the planner used the zones the events stored.
      const asked = t.emulator
        .callsTo('users.info')
        .slice(zoneReads)
        .filter((call) => call.args.user === pair.menteeId || call.args.user === pair.mentorId);
      expect(asked).toEqual([]);
    });
  });

  describe('after downtime', () => {
    it('a prompt less than 48 h late waits for the next local 10:00; an older one is recorded as skipped, never sent', async () => {
      t.clock.set(DateTime.fromISO('2026-04-01T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'stage3',
        stageStarts: { stage3: '2026-04-01T15:00:00Z' },
        goal: { checkIns: ['2026-04-13', '2026-04-15', '2026-05-20'], completeBy: '2026-08-14' },
      });
      await tickAt(t, '2026-04-01T15:00:00Z');
      // The bot was down from before 13 April until 22:00 Chicago time on the 15th.
      await tickAt(t, '2026-04-16T03:00:00Z');
      expect(keysOf(t, pair)).toEqual([]);
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-04-13'))?.state).toBe('skipped');
      expect(await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-04-15')).toMatchObject({
        state: 'pending',
        dueAt: '2026-04-16T15:00:00Z',
      });
      await tickAt(t, '2026-04-16T15:00:00Z');
      expect(keysOf(t, pair).sort()).toEqual(['check_in_nudge:2026-04-15', 'check_in_overdue:2026-04-13']);
    });
  });

  describe('pausing', () => {
    it('either person pauses the pair’s prompts for some weeks: due prompts are dropped, App Home says so, resume lifts it', async () => {
      t.clock.set(DateTime.fromISO('2026-03-02T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'stage3',
        stageStarts: { stage3: '2026-03-02T15:00:00Z' },
        goal: { checkIns: ['2026-03-10', '2026-04-15', '2026-05-15'], completeBy: '2026-08-14' },
      });
      await tickAt(t, '2026-03-02T15:00:00Z');
      expect(
        (await t.slack.command('/mentoring', 'pause 0', { userId: pair.menteeId })).json?.text,
      ).toContain('1 to 12');
      const paused = await t.slack.command('/mentoring', 'pause 4', { userId: pair.menteeId });
      expect(paused.json?.text).toContain('paused until 2026-03-30');
      await waitFor(() =>
        t.emulator.messages(pair.channel).some((m) => m.text?.includes('paused the program')),
      );
      await tickAt(t, '2026-03-10T15:00:00Z');
      expect(keysOf(t, pair)).toEqual([]);
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-03-10'))?.state).toBe('cancelled');
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-04-15'))?.state).toBe('pending');
      await t.slack.event({ type: 'app_home_opened', user: pair.mentorId, tab: 'home' });
      await waitFor(() =>
        JSON.stringify(t.emulator.homeOf(pair.mentorId)?.view ?? {}).includes(
          'reminders paused until Mon, Mar 30',
        ),
      );
      expect(
        (await t.slack.command('/mentoring', `pause 2 <@${PEOPLE.dan.id}>`, { userId: pair.mentorId })).json
          ?.text,
      ).toContain('don’t have an open mentoring relationship with that person');
      const resumed = await t.slack.command('/mentoring', 'resume', { userId: pair.mentorId });
      expect(resumed.json?.text).toContain('back on');
      expect((await t.slack.command('/mentoring', 'resume', { userId: pair.mentorId })).json?.text).toContain(
        'aren’t paused',
      );
      await tickAt(t, '2026-04-15T15:00:00Z');
      expect(keysOf(t, pair)).toEqual(['check_in_nudge:2026-04-15']);
    });
  });

  describe('resuming early', () => {
    it('brings back the prompts the pause had dropped that are still ahead', async () => {
      t.clock.set(DateTime.fromISO('2026-03-02T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'stage3',
        stageStarts: { stage3: '2026-03-02T15:00:00Z' },
        goal: { checkIns: ['2026-03-10', '2026-04-15', '2026-05-15'], completeBy: '2026-08-14' },
      });
      await tickAt(t, '2026-03-02T15:00:00Z');
      await t.slack.command('/mentoring', 'pause 4', { userId: pair.mentorId });
      await tickAt(t, '2026-03-05T15:00:00Z');
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-03-10'))?.state).toBe('cancelled');
      await t.slack.command('/mentoring', 'resume', { userId: pair.menteeId });
      await tickAt(t, '2026-03-06T15:00:00Z');
      expect((await dueOf(t, pair.relationshipId, 'check_in_nudge', '2026-03-10'))?.state).toBe('pending');
      await tickAt(t, '2026-03-10T15:00:00Z');
      expect(keysOf(t, pair)).toEqual(['check_in_nudge:2026-03-10']);
    });
  });

  describe('the end of a relationship', () => {
    it('a completed relationship sends each person the evaluation and staff a card to re-list the mentor', async () => {
      t.clock.set(DateTime.fromISO('2026-08-20T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'completed',
        stageStarts: { stage4: '2026-08-01T15:00:00Z', completed: '2026-08-20T15:00:00Z' },
      });
      await tickAt(t, '2026-08-20T15:00:00Z');
      expect(keysOf(t, pair, dmOf(t, pair.mentorId))).toEqual(['evaluation:mentor']);
      expect(keysOf(t, pair, dmOf(t, pair.menteeId))).toEqual(['evaluation:mentee']);
      const card = t.emulator
        .messages(ADMIN_CHANNEL)
        .find((m) => m.metadata?.event_payload.key === `${pair.relationshipId}:relist_card:once`)!;
      expect(buttonValue(card, ACTIONS.relistMentor)).toBe(pair.mentorId);

      await t.bot.database.models.profiles.updateOne({ userId: pair.mentorId }, { $set: { listed: false } });
      await t.slack.blockAction(
        { userId: pair.menteeId },
        { actionId: ACTIONS.relistMentor, value: pair.mentorId },
        { message: { channel: ADMIN_CHANNEL, ts: card.ts } },
      );
      await waitFor(() => responseTexts(t).some((r) => r.includes('Only program staff')));
      await t.slack.blockAction(
        { userId: PEOPLE.staff1.id },
        { actionId: ACTIONS.relistMentor, value: pair.mentorId },
        { message: { channel: ADMIN_CHANNEL, ts: card.ts } },
      );
      await waitFor(async () =>
        Boolean((await t.bot.database.models.profiles.findOne({ userId: pair.mentorId }).lean())?.listed),
      );

      const evaluation = t.emulator.messages(dmOf(t, pair.menteeId))[0]!;
      await t.slack.blockAction(
        { userId: pair.menteeId },
        { actionId: ACTIONS.openEvaluation, value: buttonValue(evaluation, ACTIONS.openEvaluation) },
        { message: { channel: evaluation.channel, ts: evaluation.ts } },
      );
      await waitFor(() => modalOpened(t, VIEWS.evaluation));
      const answer = await t.slack.viewSubmission({ userId: pair.menteeId }, lastOpenedModal(t), {
        [FIELD_BLOCK('rating')]: {
          [FIELD_ACTION('rating')]: { type: 'static_select', selected_option: { value: '5' } },
        },
        [FIELD_BLOCK('recommend')]: {
          [FIELD_ACTION('recommend')]: { type: 'radio_buttons', selected_option: { value: 'yes' } },
        },
        [FIELD_BLOCK('worked')]: {
          [FIELD_ACTION('worked')]: { type: 'plain_text_input', value: 'Regular check-ins' },
        },
      });
      // The person who submitted is thanked in place of the form.
      expect(answer.json).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
      expect(JSON.stringify(answer.json)).toContain('Your evaluation is with the program office');
      await waitFor(
        async () =>
          (await t.bot.database.models.feedback.exists({ userId: pair.menteeId, kind: 'evaluation' })) !==
          null,
      );
    });

    it('choosing “talk again” tells the mentor a reminder will come, and plans it a week on', async () => {
      t.clock.set(DateTime.fromISO('2026-03-02T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'introduced',
        stageStarts: { introduced: '2026-02-27T15:00:00Z' },
      });
      await t.slack.command('/mentor', 'fit', { userId: pair.mentorId });
      await waitFor(() => modalOpened(t, VIEWS.fitAssessment));
      const answer = await t.slack.viewSubmission({ userId: pair.mentorId }, lastOpenedModal(t), {
        [FIELD_BLOCK('academicAlignment')]: {
          [FIELD_ACTION('academicAlignment')]: { type: 'radio_buttons', selected_option: { value: '3' } },
        },
        [FIELD_BLOCK('careerAlignment')]: {
          [FIELD_ACTION('careerAlignment')]: { type: 'radio_buttons', selected_option: { value: '3' } },
        },
        [FIELD_BLOCK('decision')]: {
          [FIELD_ACTION('decision')]: { type: 'radio_buttons', selected_option: { value: 'talk_again' } },
        },
      });
      // The mentor, who submitted, reads it in place of the form.
      expect(answer.json).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
      expect(JSON.stringify(answer.json)).toContain('remind you in a week');
      await tickAt(t, '2026-03-02T15:01:00Z');
      expect((await dueOf(t, pair.relationshipId, 'talk_again_reminder', '2026-03-09'))?.dueAt).toBe(
        '2026-03-09T15:00:00Z',
      );
    });

    it('after “talk again”, the mentor is reminded a week later at their 10:00 with the fit button', async () => {
      t.clock.set(DateTime.fromISO('2026-03-02T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'introduced',
        stageStarts: { introduced: '2026-02-27T15:00:00Z' },
        talkAgainOn: '2026-03-09',
      });
      await tickAt(t, '2026-03-09T15:00:00Z');
      const reminder = t.emulator.messages(dmOf(t, pair.mentorId))[0]!;
      expect(buttonValue(reminder, ACTIONS.openFit)).toBe(pair.relationshipId);
    });

    it('a quiet relationship: the mentor hears after 21 days with no check-in or activity, once; activity re-arms it', async () => {
      t.clock.set(DateTime.fromISO('2026-03-02T15:00:00Z'));
      const pair = await seedPair(t, {
        status: 'stage1',
        stageStarts: { stage1: '2026-03-02T15:00:00Z' },
      });
      await tickAt(t, '2026-03-23T15:00:00Z');
      expect(keysOf(t, pair, dmOf(t, pair.mentorId))).toContain('quiet_relationship:2026-03-02');
      await markChanged(t, pair.relationshipId, { lastActivityAt: new Date('2026-03-24T15:00:00Z') });
      await tickAt(t, '2026-03-24T15:00:00Z');
      expect((await dueOf(t, pair.relationshipId, 'quiet_relationship', '2026-03-24'))?.dueAt).toBe(
        '2026-04-14T15:00:00Z',
      );
    });
  });

  describe('reliability', () => {
    it('two copies of the bot on one database send each prompt once', async () => {
      const second = await startTestBot({
        emulator: t.emulator,
        env: { MONGODB_URI: t.config.mongo.uri! },
      });
      try {
        t.clock.set(DateTime.fromISO('2026-05-04T15:00:00Z'));
        second.clock.set(DateTime.fromISO('2026-05-04T15:00:00Z'));
        const pairs = [];
        for (let i = 0; i < 12; i++)
          pairs.push(
            await seedPair(t, { status: 'stage1', stageStarts: { stage1: '2026-05-04T15:00:00Z' } }),
          );
        await Promise.all([t.bot.scheduler.tick(), second.bot.scheduler.tick(), t.bot.scheduler.tick()]);
        await Promise.all([t.bot.scheduler.tick(), second.bot.scheduler.tick()]);
        for (const pair of pairs) expect(keysOf(t, pair)).toEqual(['first_meeting_agenda:once']);
      } finally {
        await second.stop();
      }
    });

    it('a copy that died between posting and recording: the next one finds the message instead of repeating it', async () => {
      t.clock.set(DateTime.fromISO('2026-05-11T14:00:00Z'));
      const posted = await seedPair(t, { status: 'stage1', stageStarts: { stage1: '2026-05-11T15:00:00Z' } });
      const lost = await seedPair(t, { status: 'stage1', stageStarts: { stage1: '2026-05-11T15:00:00Z' } });
      await tickAt(t, '2026-05-11T14:00:00Z'); // planned, not yet due
      const { prompts } = t.bot.database.models;
      const client = new WebClient(t.emulator.botToken, { slackApiUrl: t.emulator.apiUrl });
      for (const pair of [posted, lost]) {
        const key = `${pair.relationshipId}:first_meeting_agenda:once`;
        // The dead copy's claim: a lease for a minute from 15:00.
        await prompts.updateOne(
          { key },
          {
            $set: {
              leaseOwner: 'dead-copy',
              leaseUntil: new Date('2026-05-11T15:01:00Z'),
              claimedAt: new Date('2026-05-11T15:00:00Z'),
            },
            $inc: { attempts: 1 },
          },
        );
        if (pair === posted)
          await client.chat.postMessage({
            channel: pair.channel,
            text: 'agenda',
            metadata: { event_type: 'mentoring_prompt', event_payload: { key } },
          });
      }
      await tickAt(t, '2026-05-11T15:00:30Z'); // the lease is still live: hands off
      expect(keysOf(t, lost)).toEqual([]);
      await tickAt(t, '2026-05-11T15:02:00Z');
      expect(keysOf(t, posted)).toEqual(['first_meeting_agenda:once']);
      expect(keysOf(t, lost)).toEqual(['first_meeting_agenda:once']);
      for (const pair of [posted, lost])
        expect(await dueOf(t, pair.relationshipId, 'first_meeting_agenda')).toMatchObject({
          state: 'sent',
          attempts: 2,
        });
    });
  });

  describe('Slack refusing (each with a bot of its own, so no other prompt is due meanwhile)', () => {
    let t: TestBot;
    beforeEach(async () => {
      t = await startTestBot();
    });
    afterEach(() => t.stop());

    it('a 429 hands Retry-After back to the outbox without holding up an interactive modal', async () => {
      t.clock.set(DateTime.fromISO('2026-05-18T15:00:00Z'));
      const pair = await seedPair(t, { status: 'stage1', stageStarts: { stage1: '2026-05-18T15:00:00Z' } });
      t.emulator.injectFailure('chat.postMessage', { status: 429, retryAfter: 30 });
      const [, command] = await Promise.all([
        t.bot.scheduler.tick(),
        t.slack.command('/mentor', 'apply', { userId: PEOPLE.erin.id }),
      ]);
      expect(command.status).toBe(200);
      await waitFor(() => modalOpened(t, VIEWS.mentorApplication));
      const item = await t.bot.database.models.prompts
        .findOne({ key: `${pair.relationshipId}:first_meeting_agenda:once` })
        .lean();
      expect(item).toMatchObject({ state: 'pending', nextAttemptAt: new Date('2026-05-18T15:00:30Z') });
      await tickAt(t, '2026-05-18T15:00:20Z');
      expect(keysOf(t, pair)).toEqual([]);
      await tickAt(t, '2026-05-18T15:00:31Z');
      expect(keysOf(t, pair)).toEqual(['first_meeting_agenda:once']);
    });

    it('after repeated failures a prompt is parked and staff are told in the admin channel', async () => {
      t.clock.set(DateTime.fromISO('2026-05-25T15:00:00Z'));
      const pair = await seedPair(t, { status: 'stage1', stageStarts: { stage1: '2026-05-25T15:00:00Z' } });
      t.emulator.injectFailure('chat.postMessage', { error: 'not_in_channel' }, 5);
      for (const at of ['15:00', '15:03', '15:10', '15:20', '15:40']) await tickAt(t, `2026-05-25T${at}:00Z`);
      expect(await dueOf(t, pair.relationshipId, 'first_meeting_agenda')).toMatchObject({
        state: 'parked',
        attempts: 5,
        lastError: 'not_in_channel',
      });
      expect(t.emulator.messages(ADMIN_CHANNEL).some((m) => m.text?.includes('could not be delivered'))).toBe(
        true,
      );
    });
  });
});
