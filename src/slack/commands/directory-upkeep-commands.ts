import { readStaffDirectoryPage, unlistModal } from '../../../blocks/directory-upkeep';
import { decodeSlackEntities, userIdFromMention } from '../../../blocks/mrkdwn';
import { directoryUpkeepWording as w } from '../../content/wording';
import {
  ownListingAnswer,
  relistAnswer,
  staffDirectoryAnswer,
  upkeepRefusalText,
} from '../presenters/directory-upkeep';
import type { SubcommandHandler } from './command-router';

// Keeping the directory current. Staff-only entries are checked by the router, and again by the service.

/** `/mentoring admin directory [page]`: every approved mentor, a page at a time. */
export const listDirectory: SubcommandHandler = async (context) => {
  const page = readStaffDirectoryPage(context.args[0]);
  await context.reply(staffDirectoryAnswer(await context.deps.upkeep.list(context.userId, page)));
};

/** `/mentoring admin relist @mentor` */
export const relistMentor: SubcommandHandler = async (context) => {
  const mentorId = userIdFromMention(context.args[0] ?? '');
  if (!mentorId || context.args.length > 1) {
    await context.reply(w.relistUsage);
    return;
  }
  await context.reply(relistAnswer(await context.deps.upkeep.relist(context.userId, mentorId), mentorId));
};

/**
 * `/mentoring admin unlist @mentor [reason]`: a form for the reason the mentor will read (words typed after
 * the mention fill it in), once the mentor is known to be listed.
 */
export const unlistMentor: SubcommandHandler = async (context) => {
  const [first = '', ...rest] = context.args;
  const mentorId = userIdFromMention(first);
  if (!mentorId) {
    await context.reply(w.unlistUsage);
    return;
  }
  const form = await context.deps.upkeep.unlistForm(context.userId, mentorId);
  if (form.kind !== 'done') {
    await context.reply(upkeepRefusalText(form, mentorId));
    return;
  }
  await context.bolt.client.views.open({
    trigger_id: context.bolt.command.trigger_id,
    view: unlistModal(mentorId, decodeSlackEntities(rest.join(' '))),
  });
};

/** `/mentor list` and `/mentor unlist`: stepping out releases the requests waiting on the mentor. */
export const setOwnListing =
  (listed: boolean): SubcommandHandler =>
  async (context) => {
    await context.reply(ownListingAnswer(await context.deps.upkeep.setOwnListing(context.userId, listed)));
  };
