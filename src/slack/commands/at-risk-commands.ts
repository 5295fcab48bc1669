import { atRiskAnswer } from '../presenters/at-risk';
import type { SubcommandHandler } from './command-router';

/** `/mentoring admin at-risk`: relationships that may need the office, worst first (staff only, checked by the router and the service). */
export const listAtRisk: SubcommandHandler = async (context) => {
  await context.reply(atRiskAnswer(await context.deps.atRisk.list(context.userId)));
};
