import type { Appointment } from '@anagen/core/contracts';

/** Where the patient goes: the street address with a map link, or the location's name if none is set. */
export function WhereToGo({ a }: { a: Pick<Appointment, 'locationName' | 'locationAddress' | 'mapUrl'> }) {
  if (!a.locationAddress) return <>{a.locationName}</>;
  return (
    <span className="where-to-go">
      <span data-testid="location-address">{a.locationAddress}</span>
      {a.mapUrl && (
        <>
          {' '}
          <a href={a.mapUrl} target="_blank" rel="noopener noreferrer" className="map-link">
            Map
            <span className="visually-hidden">
              {' '}
              of {a.locationAddress} (OpenStreetMap, opens in a new tab)
            </span>
          </a>
        </>
      )}
    </span>
  );
}
