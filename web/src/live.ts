// One server-sent event stream per signed-in tab (GET /v1/events?token=: EventSource cannot send
// headers). Pages subscribe to `request`, `status` and `audit`; the browser reconnects by itself
// after the server's `retry:` interval, and `connected` says whether the view is live.
import { useEffect, useRef, useState } from 'react';

// `resync` is ours, not the server's: the stream came back after a gap, in which events may have
// been missed, so pages re-read what they show.
type Kind = 'request' | 'status' | 'audit' | 'resync';
type Listener = (data: unknown) => void;

const listeners: Record<Kind, Set<Listener>> = { request: new Set(), status: new Set(), audit: new Set(), resync: new Set() };
const connListeners = new Set<(c: boolean) => void>();
let source: EventSource | null = null;
let connected = false;

function setConnected(c: boolean): void {
  connected = c;
  for (const fn of connListeners) fn(c);
}

export function startLive(token: string): void {
  stopLive();
  const es = new EventSource(`/v1/events?token=${encodeURIComponent(token)}`);
  source = es;
  let opened = false;
  es.onopen = () => {
    setConnected(true);
    if (opened) for (const fn of listeners.resync) fn(null);
    opened = true;
  };
  es.onerror = () => setConnected(false);
  for (const kind of ['request', 'status', 'audit'] as const) {
    es.addEventListener(kind, (ev) => {
      let data: unknown;
      try {
        data = JSON.parse((ev as MessageEvent<string>).data);
      } catch {
        return; // a garbled event is ignored; the next page load re-reads everything
      }
      for (const fn of listeners[kind]) fn(data);
    });
  }
}

export function stopLive(): void {
  source?.close();
  source = null;
  setConnected(false);
}

/** Calls `fn` for every event of this kind while the component is mounted (always the latest fn). */
export function useLiveEvent<T>(kind: Kind, fn: (data: T) => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const l: Listener = (d) => ref.current(d as T);
    listeners[kind].add(l);
    return () => void listeners[kind].delete(l);
  }, [kind]);
}

export function useConnected(): boolean {
  const [c, setC] = useState(connected);
  useEffect(() => {
    connListeners.add(setC);
    setC(connected);
    return () => void connListeners.delete(setC);
  }, []);
  return c;
}
