import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import { escapeMrkdwn } from '../../../blocks/mrkdwn';
import { noticeModal } from '../../../blocks/message';
import { tellWhoClicked, type ClickOrigin } from '../tell-who-clicked';
import { wording } from '../../content/wording';
import type { AppLogger } from '../../logger';
import { checkSlackBody } from './payloads';

type IdMatcher = string | RegExp;

/**
 * The action and callback ids the app's listeners answer, recorded as they register. Bolt runs every
 * listener whose id matches and offers no "nothing matched" hook, so the guard below asks this instead.
 */
export class ListenerIds {
  private readonly actions: IdMatcher[] = [];
  private readonly views: IdMatcher[] = [];
  private readonly commands: string[] = [];

  /** Wraps `app.action`, `app.view` and `app.command` so each registration is recorded. */
  static recordOn(app: App): ListenerIds {
    const ids = new ListenerIds();
    const record =
      <K extends 'action' | 'view' | 'command'>(kind: K, into: IdMatcher[]) =>
      (original: App[K]) =>
        ((constraint: unknown, ...rest: unknown[]) => {
          if (typeof constraint === 'string' || constraint instanceof RegExp) into.push(constraint);
          else {
            const id = (constraint as { action_id?: IdMatcher; callback_id?: IdMatcher } | undefined)
              ?.action_id;
            const callback = (constraint as { callback_id?: IdMatcher } | undefined)?.callback_id;
            if (id !== undefined) into.push(id);
            if (callback !== undefined) into.push(callback);
          }
          return (original as (...args: unknown[]) => unknown).call(app, constraint, ...rest);
        }) as App[K];
    app.action = record('action', ids.actions)(app.action);
    app.view = record('view', ids.views)(app.view);
    app.command = record('command', ids.commands as IdMatcher[])(app.command);
    return ids;
  }

  knowsAction(actionId: string): boolean {
    return matchesAny(this.actions, actionId);
  }

  knowsView(callbackId: string): boolean {
    return matchesAny(this.views, callbackId);
  }

  knowsCommand(command: string): boolean {
    return matchesAny(this.commands, command);
  }
}

function matchesAny(matchers: readonly IdMatcher[], id: string): boolean {
  return matchers.some((matcher) => (typeof matcher === 'string' ? matcher === id : matcher.test(id)));
}

/**
 * Global middleware, first in line after the in-flight counter: a body that isn't one Slack sends (only
 * Socket Mode gets this far; HTTP refuses it at the receiver) is acknowledged and dropped, and anything no
 * listener would answer gets an answer here, so nobody waits 3 s for an error.
 */
export function answerWhatNoListenerWill(ids: ListenerIds, logger: AppLogger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    const checked = checkSlackBody(args.body);
    if (!checked.ok) {
      logger.warn({ problem: checked.problem }, 'dropped a request that is not one Slack sends');
      await ack?.();
      return;
    }
    const { request } = checked;
    switch (request.kind) {
      case 'block_actions': {
        const actionId = request.body.actions[0]?.action_id ?? '';
        if (ids.knowsAction(actionId)) break;
        await ack?.();
        logger.info({ actionId }, 'a click on a button this version does not know');
        await tellOutdated(args, request.body);
        return;
      }
      case 'view_submission': {
        const callbackId = request.body.view.callback_id ?? '';
        if (ids.knowsView(callbackId)) break;
        logger.info({ callbackId }, 'a submission of a form this version does not know');
        await ack?.({
          response_action: 'update',
          view: noticeModal(wording.outdated.formTitle, wording.outdated.form),
        });
        return;
      }
      case 'view_closed':
        if (ids.knowsView(request.body.view.callback_id ?? '')) break;
        await ack?.();
        return;
      case 'block_suggestion':
        if (ids.knowsAction(request.body.action_id)) break;
        await ack?.({ options: [] });
        return;
      case 'shortcut':
        // The app declares no shortcuts; one from an older manifest is acknowledged and nothing more.
        await ack?.();
        return;
      case 'command':
        if (ids.knowsCommand(request.body.command)) break;
        await ack?.({
          response_type: 'ephemeral',
          text: wording.outdated.command(escapeMrkdwn(request.body.command)),
        });
        return;
      case 'event':
        break; // Bolt acknowledges events itself; one nobody listens to simply ends here
    }
    await args.next();
  };
}

/** A note for the person who clicked; telling is a courtesy, the click is already acknowledged. */
async function tellOutdated(args: AnyMiddlewareArgs & AllMiddlewareArgs, body: ClickOrigin): Promise<void> {
  const respond = 'respond' in args ? args.respond : undefined;
  try {
    await tellWhoClicked(
      { respond, client: args.client, body },
      wording.outdated.button,
      wording.outdated.buttonTitle,
    );
  } catch (error) {
    args.logger.warn(`could not tell about an outdated button: ${String(error)}`);
  }
}
