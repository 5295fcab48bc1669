import type { HomeView } from '@slack/types';
import { homeView, type HomeHints } from '../../blocks/home';
import type { ProgramSettings } from '../content/wording';
import type { HomeService } from '../services/home';

/**
 * Publishes people's App Home: the home service's data for each person, rendered with the command
 * table's hints, sent with `views.publish`.
 */
export function createHomePublisher(deps: {
  home: Pick<HomeService, 'data'>;
  program: ProgramSettings;
  hints: HomeHints;
  publish: (userId: string, view: HomeView) => Promise<void>;
}) {
  return async function publishHomes(userIds: string[]): Promise<void> {
    for (const userId of new Set(userIds))
      await deps.publish(userId, homeView(deps.program, await deps.home.data(userId), deps.hints));
  };
}
