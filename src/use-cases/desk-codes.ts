/**
 * The sheet of QR codes an admin prints for a site (issue 17 §5): one per desk people can sit at, each encoding the
 * link that opens the tab at that desk. The code is drawn as one SVG path of dark modules, so the tab renders it
 * without any HTML from the server.
 */
import QRCode from 'qrcode';
import type { CatalogIndex } from './catalog-index';

export interface DeskCode {
  readonly deskId: string;
  readonly deskLabel: string;
  readonly floorId: string;
  readonly floorName: string;
  readonly zoneName?: string;
  /** What the code encodes. */
  readonly link: string;
  /** Modules per side (without the quiet zone) and the dark modules as an SVG path in module units. */
  readonly qr: { readonly size: number; readonly path: string };
}

export interface DeskCodeSheet {
  readonly site: { readonly id: string; readonly name: string };
  readonly desks: readonly DeskCode[];
}

/** The site's desks in floor, then label order; desks switched off get no code. Null for an unknown site. */
export async function deskCodes(
  deps: { readonly catalog: { current(): Promise<CatalogIndex> } },
  q: { siteId: string; linkOf: (deskId: string) => string },
): Promise<DeskCodeSheet | null> {
  const site = (await deps.catalog.current()).site(q.siteId);
  if (!site) return null;
  const floorOrder = new Map(site.floors.map((f, i) => [f.id, i]));
  const desks = site.desks
    .filter((d) => d.mode !== 'off')
    .sort((a, b) => (floorOrder.get(a.floorId) ?? 0) - (floorOrder.get(b.floorId) ?? 0) || a.label.localeCompare(b.label, undefined, { numeric: true }))
    .map((d): DeskCode => {
      const link = q.linkOf(d.id);
      const zone = site.zones.find((z) => z.id === d.zoneId);
      return {
        deskId: d.id,
        deskLabel: d.label,
        floorId: d.floorId,
        floorName: site.floors.find((f) => f.id === d.floorId)?.name ?? d.floorId,
        ...(zone && { zoneName: zone.name }),
        link,
        qr: qrPath(link),
      };
    });
  return { site: { id: site.site.id, name: site.site.name }, desks };
}

/**
 * The QR code of `text` (error correction M: a printed code survives a scratch or a crease) as a path: each row's runs
 * of dark modules become one rectangle each.
 */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  }
  return { size, path };
}

