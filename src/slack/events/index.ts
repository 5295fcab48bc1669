import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';

/** Bot events the app subscribes to; `manifest.yml` lists exactly these. */
export const BOT_EVENTS = ['app_home_opened', 'user_change'] as const;

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await deps.publishHomes([event.user]);
  });

  // Slack sends the whole user on any profile change; only the time zone matters here (prompts are timed by
  // it, so the planner never has to ask Slack).
  app.event('user_change', async ({ event }) => {
    const user = event.user as { id?: unknown; tz?: unknown } | undefined;
    if (typeof user?.id !== 'string') return;
    await deps.timeZones.personChanged(user.id, typeof user.tz === 'string' ? user.tz : undefined);
  });
}
