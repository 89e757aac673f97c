// A few routes, on the History API: /, /requests/:id, /audit, /agents. The server answers every
// non-API path with index.html, so a link in an agent's "pending" answer opens the right page.
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route = { page: 'inbox' } | { page: 'request'; id: string } | { page: 'audit' } | { page: 'agents' } | { page: 'missing' };

export function parseRoute(path: string): Route {
  const m = /^\/requests\/([^/]+)\/?$/.exec(path);
  if (m) return { page: 'request', id: decodeURIComponent(m[1]!) };
  if (path === '/' || path === '') return { page: 'inbox' };
  if (path === '/audit' || path === '/audit/') return { page: 'audit' };
  if (path === '/agents' || path === '/agents/') return { page: 'agents' };
  return { page: 'missing' };
}

export function navigate(to: string): void {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

/** The current path; a string, so effects can depend on it (a parsed route is a new object each render). */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const on = (): void => setPath(location.pathname);
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}

/** An ordinary link (works with a middle click, a screen reader and the keyboard) that routes in place. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>): void => {
    props.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.href);
  };
  return <a {...props} onClick={onClick} />;
}
