/**
 * Escapes text a person typed before it goes into mrkdwn, so nobody can inject `<!channel>`,
 * a link, or a mention through their own answers. Slack asks for exactly these three characters.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Undoes Slack's own escaping of `&`, `<` and `>` in text it sends us (command text, message text), so
 * "R&D" typed by a person is "R&D" again. What comes out is untrusted: escape it before echoing it.
 * The control sequences Slack writes itself (`<@U123|name>`, `<!channel>`, links) pass through unchanged.
 */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Cuts text to fit a Block Kit limit, marking the cut with an ellipsis. Never splits a character outside
 * the Basic Multilingual Plane (half a surrogate pair is not valid text).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Escapes text a person typed and cuts it so the *escaped* text fits `max` characters, never splitting an
 * escape like `&amp;` or a character outside the Basic Multilingual Plane.
 */
export function escapeWithin(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let cut = '';
  for (const character of text) {
    const piece = escapeMrkdwn(character);
    if (cut.length + piece.length > max - 1) break;
    cut += piece;
  }
  return `${cut}…`;
}

/**
 * The last guard for a whole mrkdwn string the bot built (its own words, mentions, escaped input): cuts it to
 * `max` without leaving half of a `<…>` sequence or of an `&…;` escape behind. Builders should still cut each
 * piece of user text themselves (with `escapeWithin`), so this only ever trims their margins.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max).slice(0, -1);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/**
 * `<@U123>`: a mention Slack renders as the person's name. An id that isn't a plain Slack id (a forged
 * button value, say) is shown as escaped text instead, so it can never close the mention and open another.
 */
export function mention(userId: string): string {
  return /^[A-Za-z0-9_]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
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
