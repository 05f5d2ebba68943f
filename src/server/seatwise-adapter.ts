import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';

/** jsonwebtoken's own errors: a token that is forged, malformed or expired. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * TeamsAdapter, except that a forged or malformed token (a bad signature, alg "none") is answered 401 like every
 * other authentication failure; botbuilder lets those through as 500. Failures to fetch the signing keys stay 5xx.
 */
export class SeatwiseAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    const auth = (this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
    const authenticate = auth.authenticateRequest.bind(auth);
    auth.authenticateRequest = async (activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> => {
      try {
        return await authenticate(activity, authHeader);
      } catch (error) {
        if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
          throw new AuthenticationError(`Unauthorized: ${error.message}`, 401);
        }
        throw error;
      }
    };
  }
}
