import { azuriteHarness } from '../support/stores';
import { reservationStoreContract } from './reservation-store-contract';

reservationStoreContract('Azure Tables on Azurite', azuriteHarness);
