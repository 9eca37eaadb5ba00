import { describe, expect, it } from 'vitest';
import { callbackUri, readCallback, rememberFlow, takeFlow, type PendingFlow } from './providerFlow';
import { MemoryStorage } from '../../shared/testing/memoryStorage';

const flow: PendingFlow = { kind: 'sign-in', provider: 'local', state: 's-123', redirectUri: 'http://localhost:4080/auth/callback', next: '/orders' };

describe('external sign-in in the browser', () => {
  it('the callback URI is the app origin’s /auth/callback', () => {
    expect(callbackUri('http://localhost:4080/')).toBe('http://localhost:4080/auth/callback');
  });

  it('a remembered flow is taken once: a reloaded callback page does not finish it twice', () => {
    const storage = new MemoryStorage();
    rememberFlow(storage, flow);
    expect(takeFlow(storage)).toEqual(flow);
    expect(takeFlow(storage)).toBeNull();
  });

  it('a malformed stored flow is ignored', () => {
    const storage = new MemoryStorage();
    storage.setItem('shop.providerFlow', '{"kind":"steal"}');
    expect(takeFlow(storage)).toBeNull();
    storage.setItem('shop.providerFlow', 'not json');
    expect(takeFlow(storage)).toBeNull();
  });

  it('a code for the state this tab started is accepted', () => {
    expect(readCallback('?code=abc&state=s-123', flow)).toEqual({ ok: true, flow, code: 'abc' });
  });

  it('a code for another state, or without a started flow, is refused with a message', () => {
    const wrong = readCallback('?code=abc&state=other', flow);
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.message).toMatch(/does not belong/);
    const none = readCallback('?code=abc&state=s-123', null);
    expect(!none.ok && none.message).toMatch(/not started in this browser tab/);
  });

  it('a cancellation or a provider error is told as such', () => {
    const cancelled = readCallback('?error=access_denied&state=s-123', flow);
    expect(!cancelled.ok && cancelled.message).toBe('The sign-in was cancelled at the provider.');
    const refused = readCallback('?error=server_error&error_description=down&state=s-123', flow);
    expect(!refused.ok && refused.message).toBe('The provider refused the sign-in (down).');
    const noCode = readCallback('?state=s-123', flow);
    expect(!noCode.ok && noCode.message).toMatch(/no authorization code/);
  });
});
