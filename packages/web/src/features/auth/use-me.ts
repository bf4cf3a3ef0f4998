import type { Me } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api-client';

/** The signed-in user, or null for visitors. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>('/api/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function homeFor(me: Me | null | undefined): string {
  if (!me) return '/';
  if (me.role === 'patient') return '/portal';
  if (me.role === 'admin') return '/admin';
  return '/staff';
}
