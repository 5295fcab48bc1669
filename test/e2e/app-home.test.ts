import { enrol, matched, MENTEE_ANSWERS, MENTOR_ANSWERS } from '../support/flows';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { alice, bob, erin, staff1 } = PEOPLE;

async function openHome(t: TestBot, userId: string): Promise<string> {
  const before = t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await t.slack.event({ type: 'app_home_opened', user: userId, tab: 'home', channel: 'D0' });
  await waitFor(
    () => t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId).length > before,
  );
  return JSON.stringify(t.emulator.homeOf(userId)?.view);
}

describe('App Home', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, alice.id, 'mentor', { ...MENTOR_ANSWERS, capacity: '5' });
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('with no relationship: a welcome and how to start', async () => {
    const home = await openHome(t, erin.id);
    expect(home).toContain('Getting started');
    expect(home).toContain('/mentee');
  });

  it('a mentor with no mentees yet sees their seats and directory status', async () => {
    const home = await openHome(t, alice.id);
    expect(home).toContain('Your mentees');
    expect(home).toContain('0 of 5 seats taken · listed in the directory');
  });

  it('with one relationship: the mentee sees their mentor, the stage and what it means; both homes refresh on accept', async () => {
    const publishesBefore = t.emulator.callsTo('views.publish').length;
    await matched(t, alice.id, bob.id);
    await waitFor(() => t.emulator.callsTo('views.publish').length >= publishesBefore + 2);
    const home = JSON.stringify(t.emulator.homeOf(bob.id)?.view);
    expect(home).toContain('Your mentor');
    expect(home).toContain('<@UALICE>');
    expect(home).toContain('Introduced');
    expect(home).toContain('no goals written yet');
  });

  it('with many relationships: a mentor’s home lists the first ones and summarises the rest, within 100 blocks', async () => {
    const { relationships, profiles } = t.bot.database.models;
    await profiles.updateOne(
      { userId: alice.id, role: 'mentor' },
      { $set: { capacity: 5, openRelationships: 40 } },
    );
    await relationships.insertMany(
      Array.from({ length: 40 }, (_, i) => ({
        mentorId: alice.id,
        menteeId: `UMANY${i}`,
        status: 'stage3',
        requestedBy: `UMANY${i}`,
        requestedAt: new Date(),
        history: [],
      })),
    );
    const home = await openHome(t, alice.id);
    const view = t.emulator.homeOf(alice.id)!.view as { blocks: unknown[] };
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(home).toContain('…and 26 more');
  });

  it('staff see a dashboard of counts, never what people wrote', async () => {
    const home = await openHome(t, staff1.id);
    expect(home).toContain('Program dashboard');
    expect(home).toContain('application');
    expect(home).toContain('relationships at risk');
    expect(home).toContain('stage 3');
    expect(home).not.toContain('Junior studying marketing');
  });
});
