import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { SLASH_COMMANDS } from '../../src/slack/commands';
import { commandSpec } from '../../src/slack/commands/command-table';
import { BOT_EVENTS } from '../../src/slack/events';
import { REQUIRED_BOT_SCOPES } from '../../src/slack/bot-scopes';

const manifest = load(readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as {
  display_information: { name: string; description: string };
  features: { slash_commands: { command: string; url: string; description: string; usage_hint?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
};

describe('manifest.yml', () => {
  it("is valid for Slack's manifest schema", () => {
    // Slack's manifest schema, kept in the repository with its licence (slack-manifest.schema.LICENSE).
    const schemaPath = path.join(__dirname, '../support/slack-manifest.schema.1.0.0.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('declares exactly the slash commands the app registers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...SLASH_COMMANDS].sort());
  });

  describe.each(SLASH_COMMANDS)('%s usage_hint', (command) => {
    const hint = () => manifest.features.slash_commands.find((c) => c.command === command)?.usage_hint ?? '';
    /** The alternatives the hint offers (`help | capacity <1-5> | [@mentee]`), each split into words. */
    const alternatives = () =>
      hint()
        .split('|')
        .map((part) => part.trim().split(/\s+/).filter(Boolean))
        .filter((words) => words.length > 0);
    const isArgument = (word: string) => /^[[<@…]/.test(word);
    const subcommands = () => commandSpec(command).subcommands;

    it('mentions only sub-commands that exist (and help)', () => {
      const named = new Set(
        subcommands()
          .map((entry) => entry.name)
          .filter(Boolean),
      );
      for (const [first = ''] of alternatives()) {
        const word = first.replace(/^\[|\]$/g, '');
        if (isArgument(word)) continue;
        expect({ word, known: word === 'help' || named.has(word) }).toEqual({ word, known: true });
      }
    });

    it('shows arguments where the command table has them, and the same ones', () => {
      for (const [first = '', ...args] of alternatives()) {
        if (first.replace(/^\[|\]$/g, '') === 'help') continue;
        if (isArgument(first)) {
          // An argument with no sub-command before it: the command's own arguments (`/goals [@mentee]`).
          const own = subcommands().filter((entry) => entry.name === '' && entry.args);
          expect(own.map((entry) => `[${entry.args}]`)).toContain([first, ...args].join(' '));
          continue;
        }
        const entry = subcommands().find((candidate) => candidate.name === first);
        if (!entry || args.join(' ') === '…') continue;
        expect(`${first} ${args.join(' ')}`.trim()).toBe(`${first} ${entry.args ?? ''}`.trim());
      }
    });

    it('mentions every sub-command the command table has', () => {
      const offered = new Set(alternatives().map(([first = '']) => first));
      for (const entry of subcommands())
        if (entry.name) expect({ [entry.name]: offered.has(entry.name) }).toEqual({ [entry.name]: true });
    });
  });

  it('subscribes to exactly the bot events the app listens for', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
  });

  it('asks for exactly the scopes the bot checks for at start, each with its reason in the README', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(REQUIRED_BOT_SCOPES).sort());
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const listed = [...readme.matchAll(/^ {3}\| `([a-z:.]+)` \|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(Object.keys(REQUIRED_BOT_SCOPES).sort());
  });

  it('sends commands, interactivity and events to the one /slack/events URL', () => {
    const urls = new Set([
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ]);
    expect(urls.size).toBe(1);
    expect([...urls][0]).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("stays inside Slack's documented limits", () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    for (const command of manifest.features.slash_commands) {
      expect(command.command.length).toBeGreaterThanOrEqual(2);
      expect(command.command.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect((command.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
  });
});
