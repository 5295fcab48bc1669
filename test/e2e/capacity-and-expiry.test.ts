import { ACTIONS } from '../../blocks/ids';
import {
  buttonValue,
  dmTextsOf,
  enrol,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  noticesDelivered,
} from '../support/flows';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const MENTEES = ['UMEE1', 'UMEE2', 'UMEE3', 'UMEE4', 'UMEE5'];

function requestCardsFor(t: TestBot, mentorId: string) {
  const channel = t.emulator.conversationOf([mentorId]);
  return (channel ? t.emulator.messages(channel) : []).filter((m) =>
    /would like you to be their mentor/.test(m.text ?? ''),
  );
}

describe('a mentor’s capacity', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    for (const id of MENTEES)
      t.emulator.addUser({ id, name: id.toLowerCase(), real_name: `Mentee ${id}`, tz: 'America/Chicago' });
    await enrol(t, PEOPLE.alice.id, 'mentor', { ...MENTOR_ANSWERS, capacity: '2' });
    for (const id of MENTEES) {
      await enrol(t, id, 'mentee', MENTEE_ANSWERS);
      await t.slack.command('/mentee', `request <@${PEOPLE.alice.id}>`, { userId: id });
    }
    await waitFor(() => requestCardsFor(t, PEOPLE.alice.id).length === MENTEES.length);
  });
  afterAll(() => t.stop());

  it('is never exceeded, even when five requests are accepted at the same instant', async () => {
    const cards = requestCardsFor(t, PEOPLE.alice.id);
    await Promise.all(
      cards.map((card) =>
        t.slack.blockAction(
          { userId: PEOPLE.alice.id },
          { actionId: ACTIONS.acceptRequest, value: buttonValue(card, ACTIONS.acceptRequest) },
          { message: { channel: card.channel, ts: card.ts } },
        ),
      ),
    );
    const { relationships, profiles } = t.bot.database.models;
    await waitFor(async () => (await relationships.countDocuments({ status: 'introduced' })) === 2);
    // The three that lost were refused: no seat, or (once the last seat was taken) no longer open.
    await waitFor(
      () =>
        t.emulator
          .responses()
          .filter((r) => /no free seat|no longer open|already been answered/.test(String(r.body.text)))
          .length === 3,
    );
    expect(await relationships.countDocuments({ status: 'introduced' })).toBe(2);
    expect(await profiles.findOne({ userId: PEOPLE.alice.id, role: 'mentor' }).lean()).toMatchObject({
      openRelationships: 2,
    });
  });

  it('the accept that takes the last seat releases the other requests: each mentee is told, each card closed', async () => {
    const { relationships } = t.bot.database.models;
    expect(await relationships.countDocuments({ status: 'requested' })).toBe(0);
    const released = await relationships.find({ status: 'released' }).lean();
    expect(released).toHaveLength(3);
    await noticesDelivered(t);
    for (const r of released) {
      expect(r.history.at(-1)).toMatchObject({ from: 'requested', to: 'released', reason: 'mentor_full' });
      const told = dmTextsOf(t, r.menteeId).join('\n');
      expect(told).toContain('seats have just filled up');
      expect(told).toContain('/mentee find');
    }
    const closed = requestCardsFor(t, PEOPLE.alice.id).filter((card) =>
      JSON.stringify(card.blocks).includes('released when your last seat was taken'),
    );
    expect(closed).toHaveLength(3);
    for (const card of closed) expect(JSON.stringify(card.blocks)).not.toContain(ACTIONS.acceptRequest);
  });

  it('a stale Accept on a released request says it is no longer open', async () => {
    const released = await t.bot.database.models.relationships.findOne({ status: 'released' }).lean();
    const card = released!.requestMessage!;
    await t.slack.blockAction(
      { userId: PEOPLE.alice.id },
      { actionId: ACTIONS.acceptRequest, value: String(released!._id) },
      { message: { channel: card.channel!, ts: card.ts! } },
    );
    await t.bot.acknowledgedWorkDone(5000);
    expect(String(t.emulator.responses().at(-1)?.body.text)).toContain('This request is no longer open');
  });

  it('can’t drop below the relationships already open, and the mentor is told why', async () => {
    const answer = await t.slack.command('/mentor', 'capacity 1', { userId: PEOPLE.alice.id });
    expect(answer.json?.text).toContain('You have 2 open mentoring relationship(s)');
    expect(
      await t.bot.database.models.profiles.findOne({ userId: PEOPLE.alice.id, role: 'mentor' }).lean(),
    ).toMatchObject({ capacity: 2 });
  });

  it('a full mentor drops out of the directory', async () => {
    const answer = await t.slack.command('/mentee', 'find', { userId: MENTEES[4]! });
    expect(JSON.stringify(answer.json)).not.toContain(PEOPLE.alice.id);
  });
});

describe('a request nobody answers', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, PEOPLE.carol.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, PEOPLE.bob.id, 'mentee', MENTEE_ANSWERS);
    await t.slack.command('/mentee', `request <@${PEOPLE.carol.id}|carol>`, { userId: PEOPLE.bob.id });
    await waitFor(() => requestCardsFor(t, PEOPLE.carol.id).length === 1);
  });
  afterAll(() => t.stop());

  const reminders = () => dmTextsOf(t, PEOPLE.carol.id).filter((text) => text.startsWith('A reminder'));

  it('is left alone for the first week', async () => {
    t.clock.advance({ days: 6, hours: 23 });
    await t.bot.scheduler.tick();
    expect(reminders()).toHaveLength(0);
  });

  it('after 7 days the mentor gets one reminder, however often the scheduler runs', async () => {
    t.clock.advance({ hours: 2 });
    await t.bot.scheduler.tick();
    await t.bot.scheduler.tick();
    expect(reminders()).toHaveLength(1);
  });

  it('after 14 days it lapses: the mentee is told and pointed back to the directory, the card says so', async () => {
    t.clock.advance({ days: 7 });
    await t.bot.scheduler.tick();
    expect(
      await t.bot.database.models.relationships.findOne({ menteeId: PEOPLE.bob.id }).lean(),
    ).toMatchObject({ status: 'lapsed' });
    const told = dmTextsOf(t, PEOPLE.bob.id).join('\n');
    expect(told).toContain('has lapsed');
    expect(told).toContain('/mentee find');
    expect(JSON.stringify(requestCardsFor(t, PEOPLE.carol.id)[0]?.blocks)).toContain('lapsed after 14 days');
    expect(JSON.stringify(requestCardsFor(t, PEOPLE.carol.id)[0]?.blocks)).not.toContain(
      ACTIONS.acceptRequest,
    );
  });

  it('frees the mentee to ask someone else', async () => {
    const answer = await t.slack.command('/mentee', `request <@${PEOPLE.carol.id}>`, {
      userId: PEOPLE.bob.id,
    });
    expect(answer.status).toBe(200);
    await waitFor(() => requestCardsFor(t, PEOPLE.carol.id).length === 2);
  });
});
