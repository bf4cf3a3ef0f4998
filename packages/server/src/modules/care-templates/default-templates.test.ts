import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates';

const body = (id: string) => DEFAULT_TEMPLATES.find((t) => t.id === id)?.body ?? '';

// The demo templates say only what the evidence supports (issue 20's content review).
describe('default care templates', () => {
  it('do not claim PRP results fade without maintenance; they say how long results last is not known', () => {
    const prp = body('demo-template-consent-prp');
    expect(prp).not.toMatch(/fade without maintenance/);
    expect(prp).toMatch(/How long they last is not known/);
  });

  it('recommend no unsourced product such as sulfate-free shampoo', () => {
    for (const t of DEFAULT_TEMPLATES) expect(t.body, t.id).not.toMatch(/sulfate|sulphate/i);
  });

  it('name the injection emergencies in the PRP aftercare', () => {
    const post = DEFAULT_TEMPLATES.filter((t) => t.kind === 'post-care' && t.treatmentSlug === 'prp');
    expect(post.length).toBeGreaterThan(0);
    for (const t of post) {
      expect(t.body).toMatch(/pale, dusky or blotchy/);
      expect(t.body).toMatch(/bleeding that does not stop/);
    }
  });
});
