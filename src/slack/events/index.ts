import type { App } from '@slack/bolt';
import { homeHints } from '../commands/command-table';
import type { SlackDeps } from '../deps';
import { createHomePublisher } from '../home-publisher';

/** Bot events the app subscribes to; `manifest.yml` lists exactly these. */
export const BOT_EVENTS = ['app_home_opened'] as const;

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const publish = createHomePublisher({
      home: deps.home,
      program: deps.program,
      hints: homeHints(deps.program),
      publish: async (userId, view) => {
        await client.views.publish({ user_id: userId, view });
      },
    });
    await publish([event.user]);
  });
}
