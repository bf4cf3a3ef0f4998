import { describe, expect, it } from 'vitest';
import { PUBLIC_DEMO_PASSWORD, passwordSchema } from './auth';

describe('passwordSchema', () => {
  it('refuses the published demo password, so only the demo seed can store it', () => {
    const res = passwordSchema.safeParse(PUBLIC_DEMO_PASSWORD);
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.message).toMatch(/public demo password/);
    expect(passwordSchema.safeParse('anagen-demo-but-longer').success).toBe(true);
  });
});
