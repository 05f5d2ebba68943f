/**
 * Draws the Teams app icons into appPackage/: `color.png` (192×192, a white desk-and-chair glyph on a teal rounded
 * square) and `outline.png` (32×32, the same glyph in white on a transparent background).
 *
 *   npx tsx scripts/make-icons.ts
 *
 * The PNGs are committed; run this again only after changing the drawing. tests/app-package/icons.test.ts checks that
 * the committed files are exactly what this script draws, and that they meet Teams' rules (sizes; the outline icon is
 * white on transparent). Icon rules: learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** Also the manifest's accentColor, so Teams' tiles match the icon. */
export const ACCENT_COLOR = '#0F766E';

type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    // Inside the rectangle: only the four corner squares need the distance test.
    const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x;
    const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y;
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The part of a ring (centre, inner and outer radius) below the line y = yFrom. */
function lowerArc(cx: number, cy: number, inner: number, outer: number, yFrom: number): Shape {
  return (x, y) => {
    const d2 = (x - cx) ** 2 + (y - cy) ** 2;
    return y >= yFrom && d2 >= inner * inner && d2 <= outer * outer;
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((s) => s(x, y));
}

/**
 * The glyph, seen from above as on the floor map, in a 32-unit box: a desk, and in front of it a chair (round seat
 * inside a curved backrest). Strokes are at least 2.5 units thick so they survive at 32 px.
 */
const GLYPH_CENTER = { x: 16, y: 17.5 };
const glyph: Shape = union(
  roundedRect(4, 5.5, 28, 14, 2), // desk top
  circle(16, 21.5, 4), // chair seat
  lowerArc(16, 21.5, 5.75, 8.5, 21.5), // chair backrest, on the side away from the desk
);

/** Fraction of a pixel covered by a shape, by supersampling n×n points. */
function coverage(
  shape: Shape,
  px: number,
  py: number,
  toShape: (x: number, y: number) => [number, number],
  n: number,
): number {
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      const [gx, gy] = toShape(px + (sx + 0.5) / n, py + (sy + 0.5) / n);
      if (shape(gx, gy)) hits++;
    }
  }
  return hits / (n * n);
}

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** 192×192: white glyph on a teal rounded square; the corners outside the square are transparent. */
export function renderColorIcon(): PNG {
  const size = COLOR_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const [br, bg, bb] = hexToRgb(ACCENT_COLOR);
  const background = roundedRect(0, 0, size, size, 40);
  const scale = 4; // 24 glyph units wide → 96 px, well inside Teams' safe area
  const toGlyph = (x: number, y: number): [number, number] => [
    GLYPH_CENTER.x + (x - size / 2) / scale,
    GLYPH_CENTER.y + (y - size / 2) / scale,
  ];
  const identity = (x: number, y: number): [number, number] => [x, y];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const bgCover = coverage(background, x, y, identity, 4);
      const glyphCover = coverage(glyph, x, y, toGlyph, 4);
      // The glyph lies well inside the background, so where it is drawn the pixel is fully opaque.
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(br + (255 - br) * glyphCover);
      png.data[i + 1] = Math.round(bg + (255 - bg) * glyphCover);
      png.data[i + 2] = Math.round(bb + (255 - bb) * glyphCover);
      png.data[i + 3] = Math.round(255 * bgCover);
    }
  }
  return png;
}

/** 32×32: the glyph in pure white; every other pixel is fully transparent (Teams' outline-icon rule). */
export function renderOutlineIcon(): PNG {
  const size = OUTLINE_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const toGlyph = (x: number, y: number): [number, number] => [
    GLYPH_CENTER.x + (x - size / 2),
    GLYPH_CENTER.y + (y - size / 2),
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cover = coverage(glyph, x, y, toGlyph, 8);
      const i = (y * size + x) * 4;
      // Edges are anti-aliased through alpha only; the colour stays white wherever anything is drawn.
      const white = cover > 0 ? 255 : 0;
      png.data[i] = white;
      png.data[i + 1] = white;
      png.data[i + 2] = white;
      png.data[i + 3] = Math.round(255 * cover);
    }
  }
  return png;
}

export function writeIcons(appPackageDir: string): { color: string; outline: string } {
  const color = path.join(appPackageDir, 'color.png');
  const outline = path.join(appPackageDir, 'outline.png');
  writeFileSync(color, PNG.sync.write(renderColorIcon()));
  writeFileSync(outline, PNG.sync.write(renderOutlineIcon()));
  return { color, outline };
}

if (require.main === module) {
  const written = writeIcons(path.resolve(__dirname, '..', 'appPackage'));
  console.log(
    `wrote ${path.relative(process.cwd(), written.color)} and ${path.relative(process.cwd(), written.outline)}`,
  );
}
