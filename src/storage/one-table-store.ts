import type { TableGateway } from './table-gateway';

/**
 * A store kept in one table that it creates on first use: every method awaits `init()`, so a store built where nothing
 * awaits it still works. A failed attempt is not kept, so the next call tries again.
 */
export abstract class OneTableStore {
  private ready: Promise<void> | undefined;

  constructor(
    protected readonly gateway: TableGateway,
    protected readonly table: string,
  ) {}

  init(): Promise<void> {
    this.ready ??= this.gateway.ensureTables([this.table]).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
