import { SCALP_ZONE_LABELS, SCALP_ZONES, type ScalpZone, totalInjectedMl } from '@anagen/core/care';
import { useRef, useState } from 'react';
import { type InjectionMapValue, ScalpDiagram, toInjectionMap } from './scalp-diagram';

/** Click a zone on the diagram (or use the list) to enter the volume injected there, in mL. */
export function InjectionMapEditor({
  value,
  onChange,
}: {
  value: InjectionMapValue;
  onChange: (v: InjectionMapValue) => void;
}) {
  const [selected, setSelected] = useState<ScalpZone | null>(null);
  const inputs = useRef<Partial<Record<ScalpZone, HTMLInputElement | null>>>({});
  const select = (zone: ScalpZone) => {
    setSelected(zone);
    inputs.current[zone]?.focus();
  };
  const total = totalInjectedMl(toInjectionMap(value));
  return (
    <fieldset className="injection-map">
      <legend>Injection map</legend>
      <p className="muted small">
        Click a zone to enter its volume. Leave a zone empty if nothing was injected there.
      </p>
      <div className="injection-map-layout">
        <ScalpDiagram value={value} selected={selected} onSelect={select} size={300} />
        <div className="zone-inputs">
          {SCALP_ZONES.map((zone) => (
            <div className="field zone-field" key={zone}>
              <label htmlFor={`zone-${zone}`}>{SCALP_ZONE_LABELS[zone]} (mL)</label>
              <input
                id={`zone-${zone}`}
                ref={(el) => {
                  inputs.current[zone] = el;
                }}
                type="number"
                inputMode="decimal"
                min={0}
                max={50}
                step={0.05}
                value={value[zone] ?? ''}
                onFocus={() => setSelected(zone)}
                onChange={(e) => {
                  const n = e.target.value === '' ? undefined : Number(e.target.value);
                  onChange({ ...value, [zone]: n && n > 0 ? n : undefined });
                }}
              />
            </div>
          ))}
          <p>
            <strong>Total: {total} mL</strong>
          </p>
        </div>
      </div>
    </fieldset>
  );
}
