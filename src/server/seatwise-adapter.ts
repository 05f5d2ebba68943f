import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/** jsonwebtoken's own errors: a token that is forged, malformed or expired. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** Clients kept per kind: one per service URL and audience in practice (Teams has a few regional service URLs). */
const MAX_CLIENTS = 64;

/**
 * TeamsAdapter, except that:
 * - a forged or malformed token (a bad signature, alg "none") is answered 401 like every other authentication
 *   failure; botbuilder lets those through as 500. Failures to fetch the signing keys stay 5xx.
 * - the clients a turn is given for answering (the connector client of its service URL, the user-token client) are
 *   made once per bot id, service URL and audience, and shared by the turns, as botbuilder's older
 *   BotFrameworkAdapter did. CloudAdapter builds both anew for every activity (a client context and its request
 *   pipeline each), which was a good part of a chat turn's CPU, for clients that hold nothing of the turn: their
 *   credentials are the bot's, per bot id and audience.
 */
export class SeatwiseAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    const auth = (this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
    const connectors = new SharedClients<ConnectorClient>(MAX_CLIENTS);
    const sharing = (factory: ConnectorFactory): ConnectorFactory => {
      // The bot id the factory's credentials are for (none when authentication is off, in development). A factory
      // that does not say (another implementation) is not shared.
      if (!('appId' in factory)) return factory;
      const appId = factory.appId;
      if (appId !== undefined && typeof appId !== 'string') return factory;
      return { create: (serviceUrl: string, audience?: string) => connectors.get(JSON.stringify([appId ?? null, serviceUrl, audience ?? null]), () => factory.create(serviceUrl, audience)) };
    };

    const authenticate = auth.authenticateRequest.bind(auth);
    auth.authenticateRequest = async (activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> => {
      try {
        const result = await authenticate(activity, authHeader);
        return result.connectorFactory ? { ...result, connectorFactory: sharing(result.connectorFactory) } : result;
      } catch (error) {
        if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
          throw new AuthenticationError(`Unauthorized: ${error.message}`, 401);
        }
        throw error;
      }
    };
    // Proactive messages (reminders, late answers) go through the same shared clients.
    const connectorFactory = auth.createConnectorFactory.bind(auth);
    auth.createConnectorFactory = (identity: ClaimsIdentity) => sharing(connectorFactory(identity));

    const tokenClients = new SharedClients<UserTokenClient>(MAX_CLIENTS);
    const createUserTokenClient = auth.createUserTokenClient.bind(auth);
    auth.createUserTokenClient = (identity: ClaimsIdentity) => {
      // botbuilder takes the bot id from the audience claim, else the app id claim: both make the key.
      const key = JSON.stringify([identity.getClaimValue(AuthenticationConstants.AudienceClaim), identity.getClaimValue(AuthenticationConstants.AppIdClaim)]);
      return tokenClients.get(key, () => createUserTokenClient(identity));
    };
  }
}

/** Clients by key, made once (a failed one is made again next time), the least recently used dropped first. */
class SharedClients<T> {
  private readonly clients = new Map<string, Promise<T>>();
  constructor(private readonly max: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    let client = this.clients.get(key);
    if (client) {
      this.clients.delete(key);
    } else {
      client = make();
      client.catch(() => this.clients.get(key) === client && this.clients.delete(key));
    }
    this.clients.set(key, client);
    if (this.clients.size > this.max) this.clients.delete(this.clients.keys().next().value!);
    return client;
  }
}
