import type { AnalysisQueue } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/**
 * The clinic-wide photo-analysis queue (every server shares one limit), so a clinician knows why a
 * new close-up is not measured yet. Shown only while something is waiting or running.
 */
export function AnalysisQueueNote() {
  const { data } = useQuery({
    queryKey: ['analysis-queue'],
    queryFn: () => api.get<AnalysisQueue>('/api/analyses/queue'),
    refetchInterval: (q) => (q.state.data && q.state.data.waiting + q.state.data.running > 0 ? 3000 : 15000),
  });
  if (!data || data.waiting + data.running === 0) return null;
  const waiting = `${data.waiting} ${data.waiting === 1 ? 'image' : 'images'} waiting`;
  return (
    <p className="alert info" role="status" data-testid="analysis-queue">
      Photo analysis: {waiting}, {data.running} of {data.limit} being analysed now (whole clinic).
    </p>
  );
}
