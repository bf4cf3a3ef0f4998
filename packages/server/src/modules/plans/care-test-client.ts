import type { TestApp } from '../../test/test-app';
import { signIn } from '../../test/test-app';

export type Who = 'patient' | 'patient2' | 'desk' | 'clinician' | 'admin';

/** Signed-in request helpers for the care suites: `call('clinician', 'POST', url, body)`. */
export async function careClient(t: TestApp) {
  const cookies = {} as Record<Who, string>;
  for (const who of ['patient', 'patient2', 'desk', 'clinician', 'admin'] as const) {
    cookies[who] = await signIn(t.app, `${who}@example.com`);
  }
  return async (
    who: Who | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
  ) => {
    const res = await t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookies[who] } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.body ? res.json() : undefined, raw: res };
  };
}
