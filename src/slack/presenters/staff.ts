import { ephemeral, section, type EphemeralAnswer } from '../../../blocks/message';
import { escapeMrkdwn, mention, slackDate } from '../../../blocks/mrkdwn';
import { staffWording as w } from '../../content/wording';
import type { ApplicationRecord } from '../../domain/records';
import type { MatchSuggestion } from '../../services/directory';

// `/mentoring admin`: what staff see, worded here.

/** Most applications listed in one answer; the rest are counted. */
const PENDING_SHOWN = 40;
/** Most mentees suggested in one answer: one section each keeps it inside the 50-block message limit. */
const SUGGESTIONS_SHOWN = 45;

/** `/mentoring admin match` without a mentee and a mentor. */
export function matchUsageText(): string {
  return w.matchUsage;
}

/** `/mentoring admin pending`: each waiting application, oldest first, or that none is waiting. */
export function pendingAnswer(waiting: readonly ApplicationRecord[]): EphemeralAnswer | string {
  if (waiting.length === 0) return w.pendingNone;
  const shown = waiting.slice(0, PENDING_SHOWN);
  const lines = shown.map(
    (application) =>
      `• ${mention(application.userId)}, ${application.role}, since ${slackDate(application.createdAt)}`,
  );
  if (waiting.length > shown.length) lines.push(w.pendingMore(waiting.length - shown.length));
  const text = `${w.pendingHeading(waiting.length)}\n${lines.join('\n')}`;
  return ephemeral({ text, blocks: [section(text)] });
}

/** `/mentoring admin suggest`: each unmatched mentee with their best mentors, or that there is none. */
export function suggestionsAnswer(suggestions: readonly MatchSuggestion[]): EphemeralAnswer | string {
  if (suggestions.length === 0) return w.suggestNone;
  const shown = suggestions.slice(0, SUGGESTIONS_SHOWN);
  const blocks = [
    section(w.suggestHeading(suggestions.length)),
    ...shown.map(({ mentee, top }) =>
      section(
        `*${escapeMrkdwn(mentee.displayName)}* (${mention(mentee.userId)}): ` +
          (top.length
            ? top
                .map(
                  ({ mentor, match }) =>
                    `${mention(mentor.userId)} (${match.sharedAcademic.length + match.sharedCareer.length} shared)`,
                )
                .join(', ')
            : w.suggestNoMentors),
      ),
    ),
  ];
  if (suggestions.length > shown.length)
    blocks.push(section(w.pendingMore(suggestions.length - shown.length)));
  return ephemeral({ text: w.suggestHeading(suggestions.length), blocks });
}
