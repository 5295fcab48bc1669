import { mention } from '../../../blocks/mrkdwn';
import { readableDay } from '../../../blocks/prompts';
import { lifecycleWording, meetingWording as w } from '../../content/wording';
import type { MeetingLogged, MeetingRefusal } from '../../services/meetings';
import type { Result } from '../../services/result';

/** What the person who logged a meeting (or tried to) is told, privately. */
export function meetingAnswer(result: Result<MeetingLogged, MeetingRefusal>): string {
  if (result.kind === 'invalid') return w.usage;
  if (result.kind === 'done') {
    const { date, already, loggedBy, partnerId } = result.value;
    if (already) return w.alreadyLogged(readableDay(date), mention(loggedBy));
    return w.loggedYou(readableDay(date), mention(partnerId));
  }
  const { facts } = result;
  switch (result.code) {
    case 'date_usage':
      return w.usage;
    case 'future_date':
      return w.futureDate(readableDay(String(facts.today ?? '')));
    case 'before_start':
      return w.beforeStart(readableDay(String(facts.startedOn ?? '')));
    case 'not_in_pair':
      return w.notInPair;
    case 'not_open':
      return w.notOpen;
    case 'no_relationship':
      return lifecycleWording.noRelationship;
    case 'not_partner':
      return w.notPartner;
    case 'name_partner':
      return w.namePartner;
  }
  return w.usage;
}
