/**
 * Floor-plan images: an admin uploads a PNG, JPEG or SVG (size-limited; an SVG is rebuilt from an allow-list, see
 * svg-sanitizer.ts) and calibrates its scale by two points and the distance between them. The image reaches the
 * booking tab when the admin publishes the floor with its planImageUrl (the upload answers with that URL), so nobody
 * sees a plan before it is published.
 */
import { err, ok, type Actor, type Result } from '../domain/model';
import type { CatalogIndex } from './catalog-index';
import type { Clock } from './ports';
import { PLAN_IMAGE_TYPES, type PlanCalibration, type PlanImageInfo, type PlanImages, type PlanImageType } from './plan-image-port';
import { sanitizeSvg, SvgRefusedError } from './svg-sanitizer';

export const MAX_PLAN_IMAGE_BYTES = 2 * 1024 * 1024;

export interface PlanImageDeps {
  readonly catalog: { current(): Promise<CatalogIndex> };
  readonly planImages: PlanImages;
  readonly clock: Clock;
}

export type UploadRefusal =
  | { readonly kind: 'unknown-floor' }
  | { readonly kind: 'too-large'; readonly max: number }
  /** Not a PNG, JPEG or SVG, or the bytes are not what the type says. */
  | { readonly kind: 'type' }
  | { readonly kind: 'svg'; readonly reason: string };

export interface Uploaded {
  readonly info: PlanImageInfo;
  /** The path to put in the floor's planImageUrl before publishing. */
  readonly url: string;
  /** For an SVG: what was taken out (element and attribute names). */
  readonly removed: readonly string[];
}

export async function uploadPlanImage(
  deps: PlanImageDeps,
  cmd: { actor: Actor; floorId: string; contentType: string; data: Buffer },
): Promise<Result<Uploaded, UploadRefusal>> {
  if (!(await deps.catalog.current()).floor(cmd.floorId)) return err({ kind: 'unknown-floor' });
  if (cmd.data.length > MAX_PLAN_IMAGE_BYTES) return err({ kind: 'too-large', max: MAX_PLAN_IMAGE_BYTES });
  const type = (PLAN_IMAGE_TYPES as readonly string[]).find((t) => t === cmd.contentType.split(';')[0]!.trim().toLowerCase()) as PlanImageType | undefined;
  if (!type) return err({ kind: 'type' });
  let data = cmd.data;
  let removed: readonly string[] = [];
  if (type === 'image/png' && !startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return err({ kind: 'type' });
  if (type === 'image/jpeg' && !startsWith(data, [0xff, 0xd8, 0xff])) return err({ kind: 'type' });
  if (type === 'image/svg+xml') {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    let source: string;
    try {
      source = text.decode(data);
    } catch {
      return err({ kind: 'type' });
    }
    try {
      const clean = sanitizeSvg(source);
      data = Buffer.from(clean.svg, 'utf8');
      removed = clean.removed;
    } catch (error) {
      if (error instanceof SvgRefusedError) return err({ kind: 'svg', reason: error.reason });
      throw error;
    }
  }
  const info = await deps.planImages.put(cmd.floorId, { contentType: type, data, uploadedBy: cmd.actor.userId, at: deps.clock.now() });
  return ok({ info, url: `/api/floors/${encodeURIComponent(cmd.floorId)}/plan-image?v=${info.version}`, removed });
}

export type CalibrationRefusal = { readonly kind: 'no-image' } | { readonly kind: 'stale' } | { readonly kind: 'invalid' };

/** Two points on the image and the metres between them: the scale the tab draws desks (in metres) with. */
export async function calibratePlan(
  deps: Pick<PlanImageDeps, 'planImages'>,
  cmd: { floorId: string; version: string; a: readonly [number, number]; b: readonly [number, number]; distanceM: number },
): Promise<Result<PlanCalibration, CalibrationRefusal>> {
  const units = Math.hypot(cmd.b[0] - cmd.a[0], cmd.b[1] - cmd.a[1]);
  if (!(units >= 1) || !(cmd.distanceM > 0 && cmd.distanceM <= 1000)) return err({ kind: 'invalid' });
  const info = await deps.planImages.info(cmd.floorId);
  if (!info) return err({ kind: 'no-image' });
  const calibration: PlanCalibration = { a: cmd.a, b: cmd.b, distanceM: cmd.distanceM, metresPerUnit: cmd.distanceM / units };
  if (!(await deps.planImages.calibrate(cmd.floorId, cmd.version, calibration))) return err({ kind: 'stale' });
  return ok(calibration);
}

function startsWith(data: Buffer, magic: readonly number[]): boolean {
  return data.length >= magic.length && magic.every((b, i) => data[i] === b);
}
