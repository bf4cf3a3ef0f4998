import type { RegulatoryStatus } from '@anagen/core/evidence';

const LABELS: Record<RegulatoryStatus, string> = {
  'fda-approved': 'FDA-approved for hair loss',
  'fda-cleared-device': 'FDA-cleared device',
  'off-label': 'Off-label',
  'not-fda-approved': 'Not FDA-approved',
  'unapproved-drug-biologic': 'Not FDA-approved',
  'surgical-procedure': 'Surgical procedure',
  unverified: 'Status unverified',
};

/** US regulatory status in words, linked to its source when there is one. */
export function RegulatoryBadge({
  status,
  sourceUrl,
}: {
  status: RegulatoryStatus;
  sourceUrl?: string | undefined;
}) {
  const cls =
    status === 'fda-approved' || status === 'fda-cleared-device' ? 'badge reg-ok' : 'badge reg-caution';
  return (
    <span className="row-inline">
      <span className={cls}>{LABELS[status]}</span>
      {sourceUrl && (
        <a className="small" href={sourceUrl} rel="noopener noreferrer">
          source<span className="visually-hidden"> for the regulatory status</span>
        </a>
      )}
    </span>
  );
}
