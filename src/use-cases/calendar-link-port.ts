/**
 * The key that signs calendar links. A card's "Add to calendar" opens a link in the browser, which carries no Teams
 * sign-in: the link itself is the proof, an HMAC of the booking id under this key. The key is shared by every
 * instance (it lives in the storage account) and survives restarts, so a link keeps working wherever it lands.
 */
export interface LinkKeyStore {
  signingKey(): Promise<Uint8Array>;
}
