import { ACTIONS } from '../../blocks/ids';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REQUIRED_BOT_SCOPES } from '../../src/slack/bot-scopes';
import { StartupProblems } from '../../src/slack/startup-checks';
import { SlackEmulator } from '../support/slack-emulator';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, TEAM_ID } from '../support/test-bot';
import { apply, MENTEE_ANSWERS, reviewCardFor, buttonValue } from '../support/flows';
import { waitFor } from '../support/wait';

const manifestScopes = (
  load(readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
  }
).oauth_config.scopes.bot;

/** An emulator whose token was granted `scopes`, knowing the test people, with the staff channel private. */
async function emulatorGranting(scopes: string[], channelMembers?: string[]): Promise<SlackEmulator> {
  const emulator = await SlackEmulator.start({ teamId: TEAM_ID, scopes });
  for (const person of Object.values(PEOPLE)) emulator.addUser({ ...person });
  emulator.setChannelMembers(
    ADMIN_CHANNEL,
    channelMembers ?? [emulator.botUserId, PEOPLE.staff1.id, PEOPLE.staff2.id],
    { private: true },
  );
  return emulator;
}

async function startProblems(emulator: SlackEmulator): Promise<string[]> {
  try {
    const t = await startTestBot({ emulator });
    await t.stop();
    return [];
  } catch (error) {
    if (error instanceof StartupProblems) return error.lines;
    throw error;
  } finally {
    await emulator.stop();
  }
}

describe('checks at start', () => {
  it('the manifest asks for exactly the scopes the bot checks for', () => {
    expect([...manifestScopes].sort()).toEqual(Object.keys(REQUIRED_BOT_SCOPES).sort());
  });

  it('a token missing a scope stops the start with one line naming each missing scope', async () => {
    const granted = manifestScopes.filter((scope) => scope !== 'groups:read' && scope !== 'im:history');
    const lines = await startProblems(await emulatorGranting(granted));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('lacks the scope im:history');
    expect(lines[1]).toContain('lacks the scope groups:read');
    expect(lines.every((line) => line.includes('reinstall the app'))).toBe(true);
  });

  it('a bot that is not in the staff channel stops with "invite the bot to the staff channel"', async () => {
    const lines = await startProblems(
      await emulatorGranting(manifestScopes, [PEOPLE.staff1.id, PEOPLE.staff2.id]),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`ADMIN_CHANNEL_ID=${ADMIN_CHANNEL}`);
    expect(lines[0]).toContain('invite the bot to the staff channel');
  });

  it('with every scope granted and the bot in the channel, a staff member who is only in the channel (not in STAFF_USER_IDS) approves an application', async () => {
    const emulator = await emulatorGranting(manifestScopes);
    const t = await startTestBot({ emulator, env: { STAFF_USER_IDS: '' } });
    try {
      await apply(t, PEOPLE.bob.id, 'mentee', MENTEE_ANSWERS);
      const card = reviewCardFor(t, PEOPLE.bob.id);
      await t.slack.blockAction(
        { userId: PEOPLE.staff2.id },
        { actionId: ACTIONS.approveApplication, value: buttonValue(card, ACTIONS.approveApplication) },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await waitFor(
        async () =>
          (await t.bot.database.models.profiles.exists({ userId: PEOPLE.bob.id, approved: true })) !== null,
      );
      expect(emulator.callsTo('conversations.members').every((call) => call.response.ok === true)).toBe(true);
      expect(emulator.violations).toEqual([]);
    } finally {
      await t.stop();
      await emulator.stop();
    }
  });
});
