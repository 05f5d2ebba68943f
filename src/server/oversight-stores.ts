import { createHmac } from 'node:crypto';
import { TableOccupancyArchive } from '../storage/table-occupancy-archive';
import { TablePersonalDataStore } from '../storage/table-personal-data-store';
import { TableRetentionStore } from '../storage/table-retention-store';
import { TableSitePrivacyStore } from '../storage/table-site-privacy-store';
import type { TableGateway } from '../storage/table-gateway';
import { tableNames } from './storage-factory';

/** The tables of reports and retention, beside the others (same prefix, same account). */
export async function openOversightStores(gateway: TableGateway, prefix: string, claimsTable: string) {
  const names = tableNames(prefix);
  const archive = new TableOccupancyArchive(gateway, `${prefix}Occupancy`);
  await archive.init();
  const retention = new TableRetentionStore(gateway, { reservations: names.reservations, weeks: names.weeks, claims: claimsTable });
  const personal = new TablePersonalDataStore(gateway, {
    reservations: names.reservations,
    weeks: names.weeks,
    claims: claimsTable,
    conversations: names.conversations,
    discussions: names.discussions,
  });
  const sitePrivacy = new TableSitePrivacyStore(gateway, `${prefix}SitePrivacy`);
  await sitePrivacy.init();
  return { archive, retention, personal, sitePrivacy };
}

/**
 * The pseudonym of an erased person: an HMAC of the id under SEATWISE_PSEUDONYM_KEY, so that the same person always
 * gets the same one, and nobody without the key can check a guess. Without a key, a fixed one stands in: the pseudonym
 * is still stable, but anyone with the source could test a guessed id against it.
 */
export function keyedPseudonym(key: string): (userId: string) => string {
  const secret = key || 'seatwise-pseudonym-key-not-configured';
  return (userId) => `anon-${createHmac('sha256', secret).update(userId, 'utf8').digest('hex').slice(0, 20)}`;
}
