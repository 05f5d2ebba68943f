import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';
import { checkIcon } from '../../scripts/package-app';
import { APP_PACKAGE_DIR, tempDir } from './app-package-fixture';

const read = (name: string): PNG => PNG.sync.read(readFileSync(path.join(APP_PACKAGE_DIR, name)));

function pixels(png: PNG): Array<{ x: number; y: number; r: number; g: number; b: number; a: number }> {
  const out = [];
  for (let i = 0; i < png.data.length; i += 4) {
    const p = i / 4;
    out.push({
      x: p % png.width,
      y: Math.floor(p / png.width),
      r: png.data[i]!,
      g: png.data[i + 1]!,
      b: png.data[i + 2]!,
      a: png.data[i + 3]!,
    });
  }
  return out;
}

describe('the app icons meet the Teams rules', () => {
  it('has a 192×192 colour icon, opaque where the glyph and its square are', () => {
    const color = read('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    const centre = pixels(color).find((p) => p.x === 96 && p.y === 96)!;
    expect(centre.a).toBe(255);
    // Not a blank square: the glyph (white) and the background (teal) are both there.
    const opaque = pixels(color).filter((p) => p.a === 255);
    expect(opaque.some((p) => p.r === 255 && p.g === 255 && p.b === 255)).toBe(true);
    expect(opaque.some((p) => p.r < 100)).toBe(true);
  });

  it('has a 32×32 outline icon whose every pixel is either fully transparent or white', () => {
    const outline = read('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const offenders = pixels(outline).filter((p) => p.a !== 0 && (p.r !== 255 || p.g !== 255 || p.b !== 255));
    expect(offenders).toEqual([]);
  });

  it('draws something in the outline icon, and leaves its background transparent', () => {
    const all = pixels(read('outline.png'));
    const drawn = all.filter((p) => p.a > 0);
    expect(drawn.length).toBeGreaterThan(100);
    expect(drawn.length).toBeLessThan(all.length / 2);
    expect(
      all.filter((p) => p.x === 0 || p.y === 0 || p.x === 31 || p.y === 31).every((p) => p.a === 0),
    ).toBe(true);
  });

  it('commits exactly what scripts/make-icons.ts draws (run `npx tsx scripts/make-icons.ts` after changing it)', () => {
    expect(Buffer.compare(read('color.png').data, renderColorIcon().data)).toBe(0);
    expect(Buffer.compare(read('outline.png').data, renderOutlineIcon().data)).toBe(0);
  });
});

describe('the packaging script checks icons', () => {
  const tmp = tempDir('icons');
  afterAll(tmp.cleanup);

  it('refuses an outline icon with a coloured pixel, naming the pixel', () => {
    const png = renderOutlineIcon();
    png.data.set([255, 0, 0, 255], (5 * 32 + 7) * 4); // (7, 5) red and opaque
    const file = path.join(tmp.dir, 'outline.png');
    writeFileSync(file, PNG.sync.write(png));
    expect(checkIcon(file, 'outline.png', 32, true).join('\n')).toMatch(
      /outline\.png has pixel \(7, 5\) = rgba\(255, 0, 0, 255\)/,
    );
  });

  it('refuses an icon of the wrong size, naming both sizes', () => {
    const file = path.join(tmp.dir, 'color.png');
    writeFileSync(file, PNG.sync.write(new PNG({ width: 96, height: 96 })));
    expect(checkIcon(file, 'color.png', 192, false)).toEqual(['color.png is 96×96; Teams requires 192×192']);
  });

  it('accepts the committed icons', () => {
    expect(checkIcon(path.join(APP_PACKAGE_DIR, 'color.png'), 'color.png', 192, false)).toEqual([]);
    expect(checkIcon(path.join(APP_PACKAGE_DIR, 'outline.png'), 'outline.png', 32, true)).toEqual([]);
  });
});
