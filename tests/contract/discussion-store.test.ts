import { AzureTableGateway } from '../../src/storage/azure-table/azure-table-gateway';
import { InMemoryTableGateway } from '../../src/storage/in-memory/in-memory-table-gateway';
import { testConnectionString } from '../support/azurite';
import { discussionStoreContract } from './discussion-store-contract';

discussionStoreContract('in memory', () => new InMemoryTableGateway());
discussionStoreContract('Azure Tables on Azurite', () => new AzureTableGateway({ kind: 'connection-string', connectionString: testConnectionString() }));
