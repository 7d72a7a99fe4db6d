import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const SETTLE_MS = 250;

type IdleWindow = Window & { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number; cancelIdleCallback?: (h: number) => void };

/**
 * Renders its children once the browser is idle after the first paint. The case page's own parts
 * (header, actions, findings) show first; the depth sections, each with its own request, follow
 * without competing with them (the `case_page_load_ms` budget).
 */
export function AfterIdle(props: { children: ComponentChildren }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const w = window as IdleWindow;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Idle, then a little longer: their requests must not slow the first render's own (the server
    // answers them one at a time on an embedded database).
    const later = () => (timer = setTimeout(() => setReady(true), SETTLE_MS));
    if (w.requestIdleCallback) {
      const h = w.requestIdleCallback(later, { timeout: 400 });
      return () => (w.cancelIdleCallback?.(h), clearTimeout(timer));
    }
    later();
    return () => clearTimeout(timer);
  }, []);
  return ready ? <>{props.children}</> : null;
}
