import { TableOccupancyArchive } from '../storage/table-occupancy-archive';
import { TableRetentionStore } from '../storage/table-retention-store';
import type { TableGateway } from '../storage/table-gateway';
import { tableNames } from './storage-factory';

/** The tables of reports and retention, beside the others (same prefix, same account). */
export async function openOversightStores(gateway: TableGateway, prefix: string, claimsTable: string) {
  const names = tableNames(prefix);
  const archive = new TableOccupancyArchive(gateway, `${prefix}Occupancy`);
  await archive.init();
  const retention = new TableRetentionStore(gateway, { reservations: names.reservations, weeks: names.weeks, claims: claimsTable });
  return { archive, retention };
}
