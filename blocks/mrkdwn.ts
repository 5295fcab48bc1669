/**
 * Escapes text a person typed before it goes into mrkdwn, so nobody can inject `<!channel>`,
 * a link, or a mention through their own answers. Slack asks for exactly these three characters.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to fit a Block Kit limit, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `<@U123>`: a mention Slack renders as the person's name. */
export function mention(userId: string): string {
  return `<@${userId}>`;
}

/** A date (and optionally time) that Slack shows in each reader's own time zone. */
export function slackDate(at: Date, withTime = false): string {
  const format = withTime ? '{date_short_pretty} at {time}' : '{date_short_pretty}';
  return `<!date^${Math.floor(at.getTime() / 1000)}^${format}|${at.toISOString().slice(0, withTime ? 16 : 10)}>`;
}

/** The user id in a mention as Slack escapes it in command text: `<@U123|name>` or `<@U123>`. */
export function userIdFromMention(text: string): string | undefined {
  return /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(text.trim())?.[1];
}
