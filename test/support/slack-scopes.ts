/**
 * Which OAuth scopes each Web API method accepts, and which scopes the app's manifest asks for.
 *
 * The table (`web-api-method-scopes.json`, MIT licence beside it) is taken from Slack's published Web API
 * spec; its `source` field names the exact origin. Any one listed scope suffices, `none` means the method needs
 * no scope, and the legacy `chat:write:bot` / `chat:write:user` entries are what a bot token's `chat:write`
 * grants.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

interface ScopeTable {
  source: string;
  scopes: Record<string, string[]>;
}

const table = JSON.parse(
  readFileSync(path.join(__dirname, 'web-api-method-scopes.json'), 'utf8'),
) as ScopeTable;

/** Where the table comes from (Slack's spec, with the commit). */
export const SCOPE_TABLE_SOURCE = table.source;

/** The granular scope a bot token holds for the legacy entries Slack's spec still lists. */
const LEGACY_SCOPES: Record<string, string> = {
  'chat:write:bot': 'chat:write',
  'chat:write:user': 'chat:write',
};

/** True when Slack's table lists the method at all. */
export function isKnownMethod(method: string): boolean {
  return Object.hasOwn(table.scopes, method);
}

/**
 * The scopes that let a token call `method`, as a bot token names them (legacy entries mapped to
 * `chat:write`, duplicates removed); empty when the method needs none.
 */
export function acceptedScopes(method: string): string[] {
  const listed = table.scopes[method];
  if (listed === undefined) throw new Error(`no scope entry for ${method} in web-api-method-scopes.json`);
  const accepted = listed.filter((scope) => scope !== 'none').map((scope) => LEGACY_SCOPES[scope] ?? scope);
  return [...new Set(accepted)];
}

/** The bot scopes `manifest.yml` (at the repository root) requests under `oauth_config.scopes.bot`. */
export function manifestBotScopes(): string[] {
  const manifest = load(readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as {
    oauth_config?: { scopes?: { bot?: unknown } };
  };
  const bot = manifest.oauth_config?.scopes?.bot;
  if (!Array.isArray(bot) || !bot.every((scope) => typeof scope === 'string')) {
    throw new Error('manifest.yml: oauth_config.scopes.bot must be a list of scope names');
  }
  return [...bot];
}

/** The bot events `manifest.yml` subscribes to under `settings.event_subscriptions.bot_events`. */
export function manifestBotEvents(): string[] {
  const manifest = load(readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as {
    settings?: { event_subscriptions?: { bot_events?: unknown } };
  };
  const events = manifest.settings?.event_subscriptions?.bot_events ?? [];
  if (!Array.isArray(events) || !events.every((event) => typeof event === 'string')) {
    throw new Error('manifest.yml: settings.event_subscriptions.bot_events must be a list of event names');
  }
  return [...events];
}

/**
 * The scope Slack requires before it delivers each event this app can subscribe to (Slack's events
 * reference); an event with no entry needs none.
 */
export const EVENT_SCOPES: Readonly<Record<string, string>> = {
  user_change: 'users:read',
  team_join: 'users:read',
  'message.im': 'im:history',
  'message.mpim': 'mpim:history',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
};
