/**
 * The sheet of QR codes an admin prints for a site (issue 17 §5): one per desk people can sit at, each encoding the
 * link that opens the tab at that desk. The code travels as bits, and the tab draws it as SVG: nothing from the server
 * is rendered as markup.
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
  /** Modules per side (without the quiet zone), and each row's dark modules as hex (see qrRows). */
  readonly qr: { readonly size: number; readonly rows: readonly string[] };
}

/** Codes made between two turns given to other requests. */
const YIELD_EVERY = 8;

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
  const inUse = site.desks
    .filter((d) => d.mode !== 'off')
    .sort((a, b) => (floorOrder.get(a.floorId) ?? 0) - (floorOrder.get(b.floorId) ?? 0) || a.label.localeCompare(b.label, undefined, { numeric: true }));
  const desks: DeskCode[] = [];
  for (const d of inUse) {
    // A code takes a few milliseconds of CPU (the encoder tries eight masks): other requests get a turn between
    // batches, so a 400-desk sheet does not hold up everyone's bookings for a second or two.
    if (desks.length % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    const link = q.linkOf(d.id);
    const zone = site.zones.find((z) => z.id === d.zoneId);
    desks.push({
      deskId: d.id,
      deskLabel: d.label,
      floorId: d.floorId,
      floorName: site.floors.find((f) => f.id === d.floorId)?.name ?? d.floorId,
      ...(zone && { zoneName: zone.name }),
      link,
      qr: qrRows(link),
    });
  }
  return { site: { id: site.site.id, name: site.site.name }, desks };
}

/**
 * The QR code of `text` (error correction M: a printed code survives a scratch or a crease), one hex string per row of
 * modules, the leftmost module in the highest bit, the row padded to whole hex digits: about 13 times smaller than
 * the same code as SVG path text, which mattered for a 400-desk site's sheet (3.4 MB as paths).
 */
export function qrRows(text: string): { size: number; rows: string[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const digits = Math.ceil(size / 4);
  const rows: string[] = [];
  for (let y = 0; y < size; y++) {
    let row = '';
    for (let d = 0; d < digits; d++) {
      let nibble = 0;
      for (let b = 0; b < 4; b++) {
        const x = d * 4 + b;
        nibble = (nibble << 1) | (x < size && modules.get(y, x) ? 1 : 0);
      }
      row += nibble.toString(16);
    }
    rows.push(row);
  }
  return { size, rows };
}
