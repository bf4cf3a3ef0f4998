import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { useDemoTestApp } from '../../test/test-app';
import { prunePublishedFiles } from './prune-published-files';

const P1 = 'demo-patient-1';
const BEFORE = 'demo-photo-p1-vertex-1';
const AFTER = 'demo-photo-p1-vertex-4';

describe.each(DIALECTS)('published files when their photo goes, and the orphan sweep, on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const post = (url: string, who: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
  const publishedKeys = async () => (await t.deps.storage.list()).filter((k) => k.startsWith('published/'));
  const publish = async () => {
    const proposed = await post(`/api/patients/${P1}/publications`, 'clinician', {
      beforePhotoId: BEFORE,
      afterPhotoId: AFTER,
    });
    expect(proposed.statusCode).toBe(201);
    const { id } = proposed.json() as { id: string };
    expect((await post(`/api/publications/${id}/consent`, 'patient', { showFace: false })).statusCode).toBe(
      200,
    );
    const row = await t.deps.db.kysely
      .selectFrom('publications')
      .select(['before_key', 'after_key'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const result = (await t.app.inject({ url: '/api/public/results' }))
      .json()
      .find((r: { id: string }) => r.id === id) as { before: { url: string }; after: { url: string } };
    return { id, keys: [row.before_key!, row.after_key!], urls: [result.before.url, result.after.url] };
  };
  const sweep = (apply: boolean) => prunePublishedFiles({ ...t.deps, db: t.deps.db.kysely }, { apply });

  it('lists, then deletes, only the published files no pair names, and audits the sweep', async () => {
    const live = await publish();
    await t.deps.storage.put('published/0123456789abcdef0123456789abcdef.jpg', Buffer.from('left over'));
    await t.deps.storage.put('photos/not-a-published-file.jpg', Buffer.from('private'));

    const dry = await sweep(false);
    expect(dry).toEqual({ orphans: ['published/0123456789abcdef0123456789abcdef.jpg'], deleted: 0 });
    expect(await publishedKeys()).toContain('published/0123456789abcdef0123456789abcdef.jpg');

    expect(await sweep(true)).toEqual({ ...dry, deleted: 1 });
    const left = await publishedKeys();
    expect(left).not.toContain('published/0123456789abcdef0123456789abcdef.jpg');
    for (const key of live.keys) expect(left).toContain(key);
    expect(await t.deps.storage.get('photos/not-a-published-file.jpg')).not.toBeNull();
    for (const url of live.urls) expect((await t.app.inject({ url })).statusCode).toBe(200);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'publication.files.pruned')
      .execute();
    expect(audit).toEqual([{ detail: JSON.stringify({ deleted: 1 }) }]);
    await post(`/api/publications/${live.id}/withdraw`, 'clinician');
  });

  it('deletes a published pair’s files from storage with its photo, answers 404 on its URLs and audits it', async () => {
    const live = await publish();
    for (const key of live.keys) expect(await publishedKeys()).toContain(key);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/photos/${AFTER}`,
      headers: { cookie: cookies.clinician! },
      payload: { reason: 'Filed under the wrong patient.' },
    });
    expect(del.statusCode).toBe(204);
    const left = await publishedKeys();
    for (const key of live.keys) expect(left).not.toContain(key);
    for (const url of live.urls) expect((await t.app.inject({ url })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: '/api/public/results' })).json().map((r: { id: string }) => r.id),
    ).not.toContain(live.id);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['resource_id', 'actor_role', 'patient_id', 'detail'])
      .where('action', '=', 'publication.removed')
      .orderBy('resource_id')
      .execute();
    // The withdrawn pair of the first test showed the same photo: it goes too, audited as such.
    expect(audit.length).toBe(2);
    const ofLive = audit.find((a) => a.resource_id === live.id)!;
    expect(ofLive).toMatchObject({ actor_role: 'clinician', patient_id: P1 });
    expect(JSON.parse(ofLive.detail!)).toEqual({
      was: 'published',
      because: 'photo.deleted',
      photoId: AFTER,
    });
    const ofWithdrawn = audit.find((a) => a.resource_id !== live.id)!;
    expect(JSON.parse(ofWithdrawn.detail!)).toMatchObject({ was: 'withdrawn' });
    // Nothing left for the sweep: the deletion took every file it made unreachable.
    expect((await sweep(false)).orphans).toEqual([]);
  });
});
