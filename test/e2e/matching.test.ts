import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { Types } from 'mongoose';
import {
  buttonValue,
  dmTextsOf,
  enrol,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  responseTexts,
  noticesDelivered,
} from '../support/flows';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { alice, bob, carol, dan, erin, staff1 } = PEOPLE;

/** The request card a mentor got in their DM, newest last. */
function requestCardFor(t: TestBot, mentorId: string) {
  const channel = t.emulator.conversationOf([mentorId]);
  const cards = (channel ? t.emulator.messages(channel) : []).filter((m) =>
    /would like you to be their mentor/.test(m.text ?? ''),
  );
  const card = cards[cards.length - 1];
  if (!card) throw new Error(`no request card for ${mentorId}`);
  return card;
}

describe('the directory, requests and the pair’s group DM', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    // Alice: marketing and sales. Carol: law, with no shared interests with Bob.
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, carol.id, 'mentor', {
      ...MENTOR_ANSWERS,
      displayName: 'Carol Alumna',
      occupation: 'Attorney',
      industry: 'Legal services',
      academicInterests: ['Law'],
      careerInterests: ['Government and public policy'],
      capacity: '1',
      bio: 'Practising attorney in Tokyo.',
    });
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  describe('capacity and listing', () => {
    it('/mentor capacity takes 1 to 5 and says so', async () => {
      expect((await t.slack.command('/mentor', 'capacity 9', { userId: alice.id })).json?.text).toContain(
        '1 to 5',
      );
      expect((await t.slack.command('/mentor', 'capacity two', { userId: alice.id })).json?.text).toContain(
        '1 to 5',
      );
      expect((await t.slack.command('/mentor', 'capacity 3', { userId: alice.id })).json?.text).toContain(
        'up to 3',
      );
      expect((await t.slack.command('/mentor', 'capacity 2', { userId: alice.id })).json?.text).toContain(
        'up to 2',
      );
    });

    it('is for approved mentors only', async () => {
      expect((await t.slack.command('/mentor', 'capacity 2', { userId: bob.id })).json?.text).toContain(
        '/mentor apply',
      );
      expect((await t.slack.command('/mentor', 'unlist', { userId: dan.id })).json?.text).toContain(
        '/mentor apply',
      );
    });

    it('unlisting hides a mentor from the directory and listing brings them back', async () => {
      await t.slack.command('/mentor', 'unlist', { userId: carol.id });
      expect(
        JSON.stringify((await t.slack.command('/mentee', 'find', { userId: bob.id })).json),
      ).not.toContain(carol.id);
      await t.slack.command('/mentor', 'list', { userId: carol.id });
      expect(JSON.stringify((await t.slack.command('/mentee', 'find', { userId: bob.id })).json)).toContain(
        carol.id,
      );
    });
  });

  describe('/mentee find', () => {
    it('lists mentors with a free seat, best match first, each with why it matched and a Request button', async () => {
      const answer = await t.slack.command('/mentee', 'find', { userId: bob.id });
      const text = JSON.stringify(answer.json?.blocks);
      expect(text.indexOf(alice.id)).toBeLessThan(text.indexOf(carol.id));
      expect(text).toContain('Shared academic interests: Marketing');
      expect(text).toContain('Shared career interests: Sales');
      expect(text).toContain(ACTIONS.requestMentor);
    });

    it('narrows to the words given, and says so helpfully when nothing matches', async () => {
      const law = JSON.stringify(
        (await t.slack.command('/mentee', 'find attorney', { userId: bob.id })).json,
      );
      expect(law).toContain(carol.id);
      expect(law).not.toContain(alice.id);
      const none = await t.slack.command('/mentee', 'find astrophysics', { userId: bob.id });
      expect(none.json?.text).toContain('No mentor with a free seat matches “astrophysics”');
    });

    it('pages through a long directory with Next, replacing the list in place', async () => {
      await t.bot.database.models.profiles.insertMany(
        Array.from({ length: 10 }, (_, i) => ({
          userId: `UPAGE${i}`,
          role: 'mentor',
          displayName: `Paged Mentor ${i}`,
          academicInterests: ['Music'],
          capacity: 1,
          listed: true,
          approved: true,
        })),
      );
      const first = await t.slack.command('/mentee', 'find', { userId: bob.id });
      expect(String(first.json?.text)).toContain('page 1 of 2');
      const next = JSON.stringify(first.json?.blocks).match(
        /"action_id":"directory_page_next"[^]*?"value":"((?:[^"\\]|\\.)*)"/,
      );
      expect(next).not.toBeNull();
      await t.slack.blockAction(
        { userId: bob.id },
        { actionId: `${ACTIONS.directoryPage}_next`, value: JSON.parse(`"${next![1]}"`) as string },
        { message: { channel: 'D0BOB', ts: '1.1' } },
      );
      await waitFor(() => t.emulator.responses().some((r) => String(r.body.text).includes('page 2 of 2')));
      const page2 = t.emulator.responses().find((r) => String(r.body.text).includes('page 2 of 2'))!;
      expect(page2.body.replace_original).toBe(true);
      await t.bot.database.models.profiles.deleteMany({ userId: /^UPAGE/ });
    });

    it('is for approved mentees', async () => {
      expect((await t.slack.command('/mentee', 'find', { userId: erin.id })).json?.text).toContain(
        '/mentee apply',
      );
    });
  });

  describe('a request, answered', () => {
    let relationshipId: string;

    it('the Request button sends the mentor a DM with the mentee’s summary and Accept / Decline', async () => {
      await t.slack.blockAction(
        { userId: bob.id, channelId: 'D0BOB' },
        { actionId: ACTIONS.requestMentor, value: alice.id },
      );
      await waitFor(() =>
        dmTextsOf(t, alice.id).some((text) => text.includes('would like you to be their mentor')),
      );
      const card = requestCardFor(t, alice.id);
      expect(JSON.stringify(card.blocks)).toContain('Junior studying marketing');
      relationshipId = buttonValue(card, ACTIONS.acceptRequest);
      expect(await t.bot.database.models.relationships.findById(relationshipId).lean()).toMatchObject({
        status: 'requested',
      });
    });

    it('a mentee may have one request waiting at a time', async () => {
      const answer = await t.slack.command('/mentee', `request <@${carol.id}|carol>`, { userId: bob.id });
      expect(answer.status).toBe(200);
      await waitFor(() => responseTexts(t).some((text) => text.includes('already have a request')));
    });

    it('nobody but the mentor can accept: not the mentee, not with a forged relationship id', async () => {
      const card = requestCardFor(t, alice.id);
      await t.slack.blockAction(
        { userId: bob.id },
        { actionId: ACTIONS.acceptRequest, value: relationshipId },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await t.slack.blockAction(
        { userId: alice.id },
        { actionId: ACTIONS.acceptRequest, value: new Types.ObjectId().toString() },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await t.slack.blockAction(
        { userId: alice.id },
        { actionId: ACTIONS.acceptRequest, value: 'not-an-id' },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await waitFor(
        () => responseTexts(t).filter((text) => text.includes('Only the mentor who was asked')).length === 3,
      );
      expect(await t.bot.database.models.relationships.findById(relationshipId).lean()).toMatchObject({
        status: 'requested',
      });
    });

    it('the mentor accepts: a group DM of the pair opens with an introduction, and a seat is taken', async () => {
      const card = requestCardFor(t, alice.id);
      await t.slack.blockAction(
        { userId: alice.id },
        { actionId: ACTIONS.acceptRequest, value: relationshipId },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await waitFor(() => t.emulator.conversationOf([alice.id, bob.id]) !== undefined);
      const pairChannel = t.emulator.conversationOf([alice.id, bob.id])!;
      await waitFor(() => t.emulator.messages(pairChannel).length > 0);
      const intro = JSON.stringify(t.emulator.messages(pairChannel)[0]?.blocks);
      expect(intro).toContain('*Mentor:* <@UALICE>');
      expect(intro).toContain('*Mentee:* <@UBOB>');
      expect(intro).toContain('You share:* Marketing, Sales');
      expect(intro).toContain('/mentor fit');
      expect(intro).toContain(ACTIONS.shareMentorPreferences);
      const stored = await t.bot.database.models.relationships.findById(relationshipId).lean();
      expect(stored).toMatchObject({ status: 'introduced', channelId: pairChannel });
      expect(stored?.history.map((h) => h.to)).toEqual(['requested', 'introduced']);
      expect(
        await t.bot.database.models.profiles.findOne({ userId: alice.id, role: 'mentor' }).lean(),
      ).toMatchObject({ openRelationships: 1 });
      await waitFor(() => JSON.stringify(requestCardFor(t, alice.id).blocks).includes('You accepted'));
    });

    it('each person shares how to reach them; only they can answer for themselves', async () => {
      const pairChannel = t.emulator.conversationOf([alice.id, bob.id])!;
      const submit = (userId: string, side: string, channels: string[]) =>
        t.slack.viewSubmission(
          { userId },
          {
            id: 'VPREFERENCES',
            type: 'modal',
            callback_id: VIEWS.communicationPreferences,
            private_metadata: JSON.stringify({ relationshipId, side }),
            blocks: [{ type: 'input', block_id: FIELD_BLOCK('channels') }],
          },
          {
            [FIELD_BLOCK('channels')]: {
              [FIELD_ACTION('channels')]: {
                type: 'checkboxes',
                selected_options: channels.map((value) => ({ value })),
              },
            },
          },
        );
      const forged = await submit(bob.id, 'mentor', ['phone']);
      expect(forged.json).toMatchObject({
        response_action: 'errors',
        errors: { [FIELD_BLOCK('channels')]: 'This button is for the mentor.' },
      });
      const outsider = await submit(dan.id, 'mentee', ['phone']);
      expect(outsider.json).toMatchObject({ response_action: 'errors' });
      expect((await submit(bob.id, 'mentee', ['slack', 'video'])).status).toBe(200);
      await waitFor(() =>
        t.emulator
          .messages(pairChannel)
          .some((m) => m.text?.includes('prefers: Slack messages, Video calls')),
      );
      expect(await t.bot.database.models.relationships.findById(relationshipId).lean()).toMatchObject({
        communicationPreferences: { mentee: ['slack', 'video'] },
      });
    });
  });

  describe('staff matching', () => {
    it('/mentoring admin suggest lists unmatched approved mentees with their best mentors', async () => {
      await enrol(t, dan.id, 'mentee', {
        ...MENTEE_ANSWERS,
        displayName: 'Dan',
        academicInterests: ['Law'],
        careerInterests: [],
      });
      await t.slack.command('/mentoring', 'admin suggest', { userId: staff1.id });
      await waitFor(() => responseTexts(t).some((text) => text.includes('Unmatched approved mentees')));
      const suggestion = t.emulator
        .responses()
        .map((r) => JSON.stringify(r.body))
        .find((body) => body.includes('Unmatched'))!;
      expect(suggestion).toContain('<@UDAN>');
      expect(suggestion).not.toContain('(<@UBOB>)');
      expect(suggestion).toContain('<@UCAROL>');
    });

    it('/mentoring admin match sends the request on staff’s behalf and tells the mentee', async () => {
      await t.slack.command('/mentoring', `admin match <@${dan.id}|dan> <@${carol.id}|carol>`, {
        userId: staff1.id,
      });
      await waitFor(() =>
        responseTexts(t).some((text) => text.includes('Request sent to <@UCAROL> on behalf of <@UDAN>')),
      );
      await noticesDelivered(t); // the card and the mentee's DM follow the answer through the outbox
      expect(JSON.stringify(requestCardFor(t, carol.id).blocks)).toContain('program staff think');
      expect(dmTextsOf(t, dan.id).join('\n')).toContain('The program staff suggested <@UCAROL>');
    });

    it('is refused to someone who is not staff', async () => {
      const answer = await t.slack.command('/mentoring', `admin match <@${dan.id}> <@${alice.id}>`, {
        userId: bob.id,
      });
      expect(answer.json?.text).toContain('program staff only');
    });
  });

  describe('when the group DM cannot be opened', () => {
    it('nothing is half-created: the request stays open, no seat is taken, and staff are alerted', async () => {
      const card = requestCardFor(t, carol.id);
      const relationshipId = buttonValue(card, ACTIONS.acceptRequest);
      t.emulator.injectFailure('conversations.open', { error: 'user_disabled' });
      await t.slack.blockAction(
        { userId: carol.id },
        { actionId: ACTIONS.acceptRequest, value: relationshipId },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await waitFor(() => responseTexts(t).some((text) => text.includes('couldn’t open a group DM')));
      await noticesDelivered(t);
      expect(await t.bot.database.models.relationships.findById(relationshipId).lean()).toMatchObject({
        status: 'requested',
      });
      expect(
        await t.bot.database.models.profiles.findOne({ userId: carol.id, role: 'mentor' }).lean(),
      ).toMatchObject({ openRelationships: 0 });
      expect(
        t.emulator.messages(t.config.staff.adminChannelId).some((m) => m.text?.includes('user_disabled')),
      ).toBe(true);
    });

    it('the mentor declines instead: the mentee is told kindly and pointed back to the directory', async () => {
      const card = requestCardFor(t, carol.id);
      await t.slack.blockAction(
        { userId: carol.id },
        { actionId: ACTIONS.declineRequest, value: buttonValue(card, ACTIONS.declineRequest) },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await waitFor(() => dmTextsOf(t, dan.id).some((text) => text.includes('isn’t able to take a mentee')));
      expect(dmTextsOf(t, dan.id).join('\n')).toContain('/mentee find');
    });
  });
});
