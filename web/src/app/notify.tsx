// Toasts. Mantine's notifications module (and its container) is fetched with the first
// toast, so it stays out of the first load: screens call notify(), never the module itself
// (one static import from a screen of the first load would pull it back in).
import type { NotificationData } from '@mantine/notifications';
import { lazy, Suspense, useSyncExternalStore } from 'react';

const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })));

let wanted = false;
const listeners = new Set<() => void>();

/** Mounts the container now: for screens that call Mantine's notifications directly (the consoles). */
export function mountToasts(): void {
  if (wanted) return;
  wanted = true;
  for (const listener of listeners) listener();
}

export function notify(toast: NotificationData): void {
  mountToasts();
  // The module instance the container renders: a toast shown before it mounts appears when it does.
  void import('@mantine/notifications').then(({ notifications }) => notifications.show(toast));
}

/** Where toasts appear; renders nothing until the first one. */
export function ToastHost() {
  const show = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => wanted,
  );
  return show ? (
    <Suspense>
      <Notifications position="top-right" />
    </Suspense>
  ) : null;
}
