import { useEffect, useState } from 'react';
import type { ApiClient } from './api-client';

/**
 * A floor-plan image the server keeps (`/api/floors/{id}/plan-image`) is fetched with the caller's identity and
 * shown from memory: an SVG <image> or an <img> cannot send a Teams token. Other URLs (a public https:// image) are
 * used as they are. Undefined while loading, or when the image cannot be had: the floor is drawn without it.
 */
export function usePlanImage(api: ApiClient | undefined, url: string | undefined): string | undefined {
  const [src, setSrc] = useState<string | undefined>();
  useEffect(() => {
    setSrc(undefined);
    if (!url) return undefined;
    if (!url.startsWith('/api/')) {
      setSrc(url);
      return undefined;
    }
    if (!api) return undefined;
    let live = true;
    let objectUrl: string | undefined;
    api.download(url, 'image/*').then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, url]);
  return src;
}
