import type { App } from '@slack/bolt';
import { welcomeHome } from '../../../blocks/home';
import type { SlackDeps } from '../deps';

/** Bot events the app subscribes to; `manifest.yml` lists exactly these. */
export const BOT_EVENTS = ['app_home_opened'] as const;

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: welcomeHome(deps.program) });
  });
}
