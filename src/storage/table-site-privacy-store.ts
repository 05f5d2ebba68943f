import type { SitePrivacyStore } from '../use-cases/site-privacy-port';
import { encodeKeyPart } from './key-encoding';
import type { TableGateway } from './table-gateway';

/** One row per site (`site|<id>`, `privacy`); a site without a row has made no choice. */
export class TableSitePrivacyStore implements SitePrivacyStore {
  constructor(
    private readonly gateway: TableGateway,
    private readonly table: string,
  ) {}

  async init(): Promise<void> {
    await this.gateway.ensureTables([this.table]);
  }

  async colleaguesSeeNames(siteId: string): Promise<boolean | undefined> {
    const row = await this.gateway.get(this.table, `site|${encodeKeyPart(siteId)}`, 'privacy');
    const v = row?.entity['colleaguesSeeNames'];
    return typeof v === 'boolean' ? v : undefined;
  }

  async setColleaguesSeeNames(siteId: string, value: boolean): Promise<void> {
    const partitionKey = `site|${encodeKeyPart(siteId)}`;
    await this.gateway.transact(this.table, partitionKey, [{ kind: 'upsert', entity: { partitionKey, rowKey: 'privacy', siteId, colleaguesSeeNames: value } }]);
  }
}
