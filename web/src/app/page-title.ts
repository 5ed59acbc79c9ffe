import { useEffect } from 'react';

/** Every route names itself in the tab and for screen readers announcing the page. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · HomeSer` : 'HomeSer: book trusted home services';
  }, [title]);
}
