import type { UploadAllowance } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/**
 * Whether the signed-in account may upload now (the clinic may have turned patient uploads off, or
 * today's quota may be used up). Upload forms hide while it is false; the server refuses anyway.
 */
export function useUploadAllowance(enabled = true) {
  return useQuery({
    queryKey: ['uploads', 'allowance'],
    queryFn: () => api.get<UploadAllowance>('/api/uploads/allowance'),
    enabled,
  });
}
