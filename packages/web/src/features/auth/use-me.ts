import type { Me } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The signed-in user, or null for visitors. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    // /session answers 200 with `user: null` for visitors, so public pages log no 401 errors.
    queryFn: async (): Promise<Me | null> => (await api.get<{ user: Me | null }>('/api/auth/session')).user,
    staleTime: 60_000,
  });
}

export function homeFor(me: Me | null | undefined): string {
  if (!me) return '/';
  if (me.role === 'patient') return '/portal';
  if (me.role === 'admin') return '/admin';
  return '/staff';
}
