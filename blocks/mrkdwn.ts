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
