// Pub/sub across instances over Redis, for @graphql-yoga/subscription's createPubSub. Like
// @graphql-yoga/redis-event-target, which it replaces because that one neither catches a
// failed PUBLISH or SUBSCRIBE (an unhandled rejection ends the process) nor knows when
// Redis is away. Here a publish while Redis is away is skipped (subscribers catch up from
// the change feed's table) and SUBSCRIBE waits on its own connection until Redis returns.
import type { PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Logger } from '../logger';
import type { Topics } from '../pubsub';
import type { RedisLink } from './redis-link';

type TopicsEventTarget = PubSubEventTarget<Topics>;
type Listener = ((event: CustomEvent) => void) | { handleEvent(event: CustomEvent): void };

export function redisEventTarget(link: RedisLink, log: Logger): TopicsEventTarget {
  const subscriber = link.subscriber();
  const listenersOf = new Map<string, Set<Listener>>();
  subscriber.on('message', (channel: string, message: string) => {
    const listeners = listenersOf.get(channel);
    if (!listeners) return;
    let detail: unknown;
    try {
      detail = message === '' ? null : JSON.parse(message);
    } catch (err) {
      log.warn({ err, channel }, 'pub/sub: unreadable message dropped');
      return;
    }
    const event = new CustomEvent(channel, { detail });
    for (const l of listeners) {
      if (typeof l === 'function') l(event);
      else l.handleEvent(event);
    }
  });
  const target = {
    addEventListener(topic: string, listener: Listener | null) {
      if (!listener) return;
      let listeners = listenersOf.get(topic);
      if (!listeners) {
        listenersOf.set(topic, (listeners = new Set()));
        subscriber.subscribe(topic).catch((err: Error) => log.warn({ err: err.message, topic }, 'pub/sub: SUBSCRIBE failed'));
      }
      listeners.add(listener);
    },
    removeEventListener(topic: string, listener: Listener | null) {
      const listeners = listenersOf.get(topic);
      if (!listeners || !listener) return;
      listeners.delete(listener);
      if (listeners.size) return;
      listenersOf.delete(topic);
      subscriber.unsubscribe(topic).catch(() => undefined);
    },
    dispatchEvent(event: CustomEvent) {
      const detail = event.detail as unknown;
      const message = detail === undefined ? '' : JSON.stringify(detail);
      void link.run(undefined, async (redis) => void (await redis.publish(event.type, message)));
      return true;
    },
  };
  // createPubSub's typed target is EventTarget narrowed per topic; the runtime shape is this one.
  return target as unknown as TopicsEventTarget;
}
