/**
 * Finds Slack control sequences in what the bot posts that it never writes itself, so they can only have
 * come from someone's input: `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`, links like
 * `<http://evil.example|Reset>` or `<mailto:…>`, channel links, and mentions with a label (`<@U1|name>`,
 * the form Slack puts in command text). The bot's own sequences are a bare mention `<@U123>` and a date
 * `<!date^…^…|…>`; with `knownUserIds`, a mention of anyone else counts as injected too.
 *
 * Only text Slack renders as mrkdwn is read: a message's top-level `text` and every `{type: 'mrkdwn'}`
 * text object anywhere in its blocks (sections, fields, contexts, confirm dialogs, options, views). Plain
 * text objects and values (button values, private_metadata) are never rendered as mrkdwn.
 */
export function unescapedInjections(
  message: unknown,
  options: { knownUserIds?: readonly string[] } = {},
): string[] {
  const found: string[] = [];
  const known = options.knownUserIds ? new Set(options.knownUserIds) : undefined;
  const check = (text: string) => {
    for (const [sequence, inner = ''] of text.matchAll(/<([^<>]*)>/g)) {
      const mention = /^@([A-Za-z0-9_]+)$/.exec(inner);
      if (mention) {
        if (known && !known.has(mention[1] ?? '')) found.push(sequence);
        continue;
      }
      if (/^!date\^\d+\^[^|]*\|[^|]*$/.test(inner)) continue;
      found.push(sequence);
    }
  };
  const walk = (value: unknown, topLevel: boolean) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, false);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.text === 'string' && (topLevel || record.type === 'mrkdwn')) check(record.text);
    for (const [key, child] of Object.entries(record)) {
      if (key === 'text' && typeof child === 'string') continue;
      // A chat.* call or a respond() body may carry the message under these keys.
      walk(child, topLevel && (key === 'message' || key === 'view'));
    }
  };
  walk(message, true);
  return found;
}
