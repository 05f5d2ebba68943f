import type { Delegation } from '../domain/delegation';
import type { DelegationStore } from '../use-cases/delegation-port';
import { CorruptDataError } from '../use-cases/ports';
import { encodeKeyPart } from './key-encoding';
import { OneTableStore } from './one-table-store';
import type { StoredEntity, TableEntity } from './table-gateway';

const ownerPartition = (ownerId: string) => `owner|${encodeKeyPart(ownerId)}`;
const delegatePartition = (delegateId: string) => `delegate|${encodeKeyPart(delegateId)}`;

/**
 * Two rows per delegation: the owner's (`owner|<owner>`, `<delegate>`), which decides, and an index row in the
 * delegate's partition (`delegate|<delegate>`, `<owner>`) for their picker. Two partitions cannot share a
 * transaction, so the index is written before the owner's row and removed after it: a crash between the two leaves
 * an index row with no owner's row, which readers skip, and never an owner's row that its delegate cannot list.
 */
export class TableDelegationStore extends OneTableStore implements DelegationStore {
  async grant(d: Delegation): Promise<{ created: boolean; delegation: Delegation }> {
    await this.init();
    const existing = await this.get(d.ownerId, d.delegateId);
    // The date a delegation was first given stays: granting again only refreshes the names people go by.
    const delegation: Delegation = { ...d, grantedAt: existing?.grantedAt ?? d.grantedAt };
    const entity = toEntity(delegation);
    const index = delegatePartition(d.delegateId);
    await this.gateway.transact(this.table, index, [{ kind: 'upsert', entity: { ...entity, partitionKey: index, rowKey: encodeKeyPart(d.ownerId) } }]);
    const own = ownerPartition(d.ownerId);
    await this.gateway.transact(this.table, own, [{ kind: 'upsert', entity: { ...entity, partitionKey: own, rowKey: encodeKeyPart(d.delegateId) } }]);
    return { created: existing === null, delegation };
  }

  async revoke(ownerId: string, delegateId: string): Promise<boolean> {
    await this.init();
    const own = ownerPartition(ownerId);
    const row = await this.gateway.get(this.table, own, encodeKeyPart(delegateId));
    if (row) await this.deleteRow(own, encodeKeyPart(delegateId));
    await this.deleteRow(delegatePartition(delegateId), encodeKeyPart(ownerId));
    return row !== null;
  }

  async get(ownerId: string, delegateId: string): Promise<Delegation | null> {
    await this.init();
    const row = await this.gateway.get(this.table, ownerPartition(ownerId), encodeKeyPart(delegateId));
    return row ? fromEntity(row) : null;
  }

  async delegatesOf(ownerId: string): Promise<Delegation[]> {
    await this.init();
    return (await this.gateway.queryPartition(this.table, ownerPartition(ownerId))).map(fromEntity);
  }

  async ownersFor(delegateId: string): Promise<Delegation[]> {
    await this.init();
    const index = (await this.gateway.queryPartition(this.table, delegatePartition(delegateId))).map(fromEntity);
    const confirmed = await Promise.all(index.map((d) => this.get(d.ownerId, delegateId)));
    return confirmed.filter((d): d is Delegation => d !== null);
  }

  async forget(personId: string): Promise<number> {
    await this.init();
    const given = await this.gateway.queryPartition(this.table, ownerPartition(personId));
    const received = await this.gateway.queryPartition(this.table, delegatePartition(personId));
    let count = 0;
    for (const d of given.map(fromEntity)) if (await this.revoke(d.ownerId, d.delegateId)) count++;
    for (const d of received.map(fromEntity)) if (await this.revoke(d.ownerId, d.delegateId)) count++;
    return count;
  }

  private async deleteRow(partitionKey: string, rowKey: string): Promise<void> {
    // Already gone (a revoke racing another) is the outcome wanted.
    await this.gateway.transact(this.table, partitionKey, [{ kind: 'delete', partitionKey, rowKey, etag: '*' }]);
  }
}

function toEntity(d: Delegation): Omit<TableEntity, 'partitionKey' | 'rowKey'> {
  return {
    ownerId: d.ownerId,
    delegateId: d.delegateId,
    grantedAt: d.grantedAt,
    ...(d.ownerName !== undefined && { ownerName: d.ownerName }),
    ...(d.delegateName !== undefined && { delegateName: d.delegateName }),
  };
}

function fromEntity({ entity: e }: StoredEntity): Delegation {
  const ownerId = e['ownerId'];
  const delegateId = e['delegateId'];
  const grantedAt = e['grantedAt'];
  if (typeof ownerId !== 'string' || typeof delegateId !== 'string' || typeof grantedAt !== 'string') {
    throw new CorruptDataError(`Delegation row ${e.partitionKey}/${e.rowKey} lacks its ids or date`);
  }
  const ownerName = e['ownerName'];
  const delegateName = e['delegateName'];
  return {
    ownerId,
    delegateId,
    grantedAt,
    ...(typeof ownerName === 'string' && { ownerName }),
    ...(typeof delegateName === 'string' && { delegateName }),
  };
}
