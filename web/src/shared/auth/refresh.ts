import type { AppConfig } from '../config';
import { postGraphQL, NetworkError } from '../graphql/http';
import { RefreshSessionMutation } from './documents';
import type { RefreshCall } from './session';

/** refreshSession over plain fetch (no Authorization header: the old access token may be the reason we are here). */
export function refreshCallFor(config: AppConfig, fetchImpl?: typeof fetch): RefreshCall {
  return async (refreshToken) => {
    const response = await postGraphQL(config, RefreshSessionMutation, { refreshToken }, fetchImpl);
    const payload = response.data?.refreshSession;
    if (payload?.session) {
      const { accessToken, refreshToken: next, expiresAt } = payload.session;
      return { kind: 'refreshed', session: { accessToken, refreshToken: next, expiresAt } };
    }
    if (payload && payload.userErrors.length > 0) return { kind: 'rejected', code: payload.userErrors[0].code };
    throw new NetworkError(response.errors?.[0]?.message ?? 'the session could not be refreshed');
  };
}
