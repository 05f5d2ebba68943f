import { useEffect, useState } from 'react';

export const NARROW = '(max-width: 640px)';
/** A touch screen without hover: no keyboard help, no tooltips, one finger scrolls the page. */
export const TOUCH = '(hover: none) and (pointer: coarse)';

export function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = (): void => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
