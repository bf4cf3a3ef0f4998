import {
  computeSaltScore,
  LUDWIG_STAGES,
  NORWOOD_STAGES,
  type Scale,
  SINCLAIR_STAGES,
} from '@anagen/core/assessment';
import { type ReactNode, useId, useState } from 'react';
import {
  LudwigDrawing,
  NorwoodDrawing,
  SaltDrawing,
  type SaltRegion,
  SinclairDrawing,
} from './scale-drawings';

type System = Scale['system'];

const SYSTEM_LABELS: Record<System, string> = {
  norwood: 'Norwood–Hamilton (receding hairline or crown)',
  ludwig: 'Ludwig (thinning on top, hairline kept)',
  sinclair: 'Sinclair (widening parting)',
  salt: 'SALT (patches)',
};

const norwoodLabel = (s: string) => `Norwood ${s.replace('-vertex', ' vertex')}`;

function Choice({
  name,
  checked,
  onSelect,
  label,
  children,
}: {
  name: string;
  checked: boolean;
  onSelect: () => void;
  label: string;
  children: ReactNode;
}) {
  return (
    <label className={`scale-choice${checked ? ' selected' : ''}`}>
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onSelect}
        className="visually-hidden-input"
      />
      {children}
      <span>{label}</span>
    </label>
  );
}

export interface ScalePickerProps {
  /** Which scales to offer, in order; the first is shown first. */
  systems: System[];
  value: Scale | null;
  onChange: (scale: Scale | null) => void;
  error?: string | undefined;
}

/** Choose the drawing that looks most like you; SALT asks for the share lost in each region. */
export function ScalePicker({ systems, value, onChange, error }: ScalePickerProps) {
  const id = useId();
  const [system, setSystem] = useState<System>(
    value && systems.includes(value.system) ? value.system : (systems[0] ?? 'norwood'),
  );
  const name = `${id}-stage`;
  const errorId = `${id}-error`;
  return (
    <div className="scale-picker">
      {systems.length > 1 && (
        <fieldset className="field">
          <legend>Which description fits best?</legend>
          <div className="row">
            {systems.map((s) => (
              <label key={s} className="pill">
                <input
                  type="radio"
                  name={`${id}-system`}
                  checked={system === s}
                  onChange={() => {
                    setSystem(s);
                    onChange(null);
                  }}
                />{' '}
                {SYSTEM_LABELS[s]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
        <legend>
          {system === 'salt'
            ? 'About how much hair is missing in each area?'
            : 'Tap the drawing that looks most like your hair now'}
        </legend>
        {system === 'norwood' && (
          <div className="scale-grid">
            {NORWOOD_STAGES.map((s) => (
              <Choice
                key={s}
                name={name}
                label={norwoodLabel(s)}
                checked={value?.system === 'norwood' && value.stage === s}
                onSelect={() => onChange({ system: 'norwood', stage: s })}
              >
                <NorwoodDrawing stage={s} />
              </Choice>
            ))}
          </div>
        )}
        {system === 'ludwig' && (
          <div className="scale-grid">
            {LUDWIG_STAGES.map((s) => (
              <Choice
                key={s}
                name={name}
                label={`Ludwig ${s}`}
                checked={value?.system === 'ludwig' && value.stage === s}
                onSelect={() => onChange({ system: 'ludwig', stage: s })}
              >
                <LudwigDrawing stage={s} />
              </Choice>
            ))}
          </div>
        )}
        {system === 'sinclair' && (
          <div className="scale-grid">
            {SINCLAIR_STAGES.map((s) => (
              <Choice
                key={s}
                name={name}
                label={`Sinclair ${s}`}
                checked={value?.system === 'sinclair' && value.stage === s}
                onSelect={() => onChange({ system: 'sinclair', stage: s })}
              >
                <SinclairDrawing stage={s} />
              </Choice>
            ))}
          </div>
        )}
        {system === 'salt' && (
          <SaltInputs value={value?.system === 'salt' ? value : null} onChange={onChange} />
        )}
        <label className="scale-choice none">
          <input
            type="radio"
            name={name}
            checked={value === null}
            onChange={() => onChange(null)}
            className="visually-hidden-input"
          />
          <span>I’m not sure — skip this</span>
        </label>
      </fieldset>
      {error && (
        <p id={errorId} className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}

const REGIONS: [SaltRegion, string][] = [
  ['top', 'Top of the head (40 % of the scalp)'],
  ['back', 'Back of the head (24 %)'],
  ['left', 'Left side (18 %)'],
  ['right', 'Right side (18 %)'],
];

function SaltInputs({
  value,
  onChange,
}: {
  value: Extract<Scale, { system: 'salt' }> | null;
  onChange: (s: Scale) => void;
}) {
  const v = value ?? { system: 'salt' as const, top: 0, back: 0, left: 0, right: 0 };
  const [focus, setFocus] = useState<SaltRegion | undefined>();
  return (
    <div className="salt">
      <SaltDrawing values={v} highlight={focus} />
      <div>
        {REGIONS.map(([r, label]) => (
          <div className="field" key={r}>
            <label htmlFor={`salt-${r}`}>{label}: % without hair</label>
            <input
              id={`salt-${r}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={5}
              value={v[r]}
              onFocus={() => setFocus(r)}
              onBlur={() => setFocus(undefined)}
              onChange={(e) => onChange({ ...v, [r]: Number(e.target.value) })}
            />
          </div>
        ))}
        <p className="muted small" aria-live="polite">
          SALT score: {computeSaltScore(v)} % of the scalp without hair.
        </p>
      </div>
    </div>
  );
}
