import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';

/** Bot events the app subscribes to; `manifest.yml` lists exactly these. */
export const BOT_EVENTS = ['app_home_opened'] as const;

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await deps.publishHomes([event.user]);
  });
}
