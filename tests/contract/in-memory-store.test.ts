import { inMemoryHarness } from '../support/stores';
import { reservationStoreContract } from './reservation-store-contract';

reservationStoreContract('in memory', inMemoryHarness);
