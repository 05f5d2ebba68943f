/** Floor-plan images uploaded by admins, and the scale each one was calibrated to. */

export const PLAN_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
export type PlanImageType = (typeof PLAN_IMAGE_TYPES)[number];

/** Two points marked on the image (pixels of its own coordinate system) and the distance between them in metres. */
export interface PlanCalibration {
  readonly a: readonly [number, number];
  readonly b: readonly [number, number];
  readonly distanceM: number;
  /** distanceM / |ab|: how many metres one image unit is. */
  readonly metresPerUnit: number;
}

export interface PlanImageInfo {
  readonly floorId: string;
  readonly contentType: PlanImageType;
  readonly bytes: number;
  /** Changes with every upload, so that a URL naming it is never served a stale image from a cache. */
  readonly version: string;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
  readonly calibration?: PlanCalibration;
}

export interface PlanImages {
  /** Stores a new image for the floor, replacing the previous one at once (readers see one or the other). */
  put(floorId: string, image: { contentType: PlanImageType; data: Buffer; uploadedBy: string; at: Date }): Promise<PlanImageInfo>;
  info(floorId: string): Promise<PlanImageInfo | null>;
  read(floorId: string): Promise<{ info: PlanImageInfo; data: Buffer } | null>;
  /** Sets the calibration of the image of `version`; false when the floor's image is no longer that version. */
  calibrate(floorId: string, version: string, calibration: PlanCalibration): Promise<boolean>;
}
