import type { Me, MeasurementHair, MeasurementHairs } from '@anagen/core/contracts';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithData } from '../../test/render';
import HairReviewPage from './hair-review-page';

const hair = (x: number, y: number): MeasurementHair => ({
  x,
  y,
  diameterUm: 70,
  class: 'terminal',
  origin: 'engine',
});

// 100 × 100 px at 10 µm/px is 1 mm², i.e. 0.01 cm²: each hair adds 100 /cm².
const measurement: MeasurementHairs = {
  measurementId: 'm1',
  patientId: 'pat1',
  source: 'auto',
  photoId: 'ph1',
  correctsId: null,
  width: 100,
  height: 100,
  umPerPx: 10,
  areaCm2: 0.01,
  hairCount: 3,
  densityPerCm2: 300,
  engineVersion: 'test',
  quality: null,
  verifiedBy: null,
  verifiedByName: null,
  verifiedAt: null,
  note: null,
  hairs: [hair(10, 10), hair(20, 20), hair(30, 30)],
};

function renderReview(role: Me['role'], m: MeasurementHairs = measurement) {
  const me: Me = { id: 'u1', email: 'c@example.test', name: 'Dr C', role };
  renderWithData(<HairReviewPage />, {
    path: '/staff/measurements/:id/review',
    route: '/staff/measurements/m1/review',
    data: [
      [['measurement-hairs', 'm1'], m],
      [['me'], me],
      [['clinic'], { name: 'Test clinic', timeZone: 'America/Los_Angeles', demo: false }],
    ],
  });
  return screen.getByRole('application', { name: 'Trichoscopy image with hair marks' });
}

const count = () => screen.getByText(/hairs ·/, { selector: '.hair-count' }).textContent;
const tally = () => screen.getByText(/^Engine:/).textContent?.replace(/\s+/g, ' ');
const key = (el: HTMLElement, k: string, init: Partial<KeyboardEventInit> = {}) =>
  fireEvent.keyDown(el, { key: k, ...init });

describe('hair review screen', () => {
  it('updates the count and density as a clinician removes, adds, undoes and redoes', () => {
    const surface = renderReview('clinician');
    expect(count()).toBe('3 hairs · 300.0 /cm²');

    key(surface, 'n'); // select the first hair
    key(surface, 'x'); // remove it
    expect(count()).toBe('2 hairs · 200.0 /cm²');
    expect(tally()).toContain('removed 1 · added 0');

    key(surface, 'Enter'); // add a hair at the cross (the centre of the field)
    expect(count()).toBe('3 hairs · 300.0 /cm²');
    expect(tally()).toContain('removed 1 · added 1');

    key(surface, 'z', { ctrlKey: true }); // undo the add
    expect(count()).toBe('2 hairs · 200.0 /cm²');
    key(surface, 'u'); // undo the removal
    expect(count()).toBe('3 hairs · 300.0 /cm²');
    expect(tally()).toContain('removed 0 · added 0');

    key(surface, 'y', { ctrlKey: true }); // redo the removal
    expect(count()).toBe('2 hairs · 200.0 /cm²');
    key(surface, 'r'); // redo the add
    expect(tally()).toContain('removed 1 · added 1');
  });

  it('enables Undo only after an edit and Redo only after an undo', () => {
    const surface = renderReview('clinician');
    const undo = screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
    const redo = screen.getByRole('button', { name: 'Redo' }) as HTMLButtonElement;
    expect([undo.disabled, redo.disabled]).toEqual([true, true]);
    key(surface, 'a');
    expect([undo.disabled, redo.disabled]).toEqual([false, true]);
    fireEvent.click(undo);
    expect([undo.disabled, redo.disabled]).toEqual([true, false]);
    expect(count()).toBe('3 hairs · 300.0 /cm²');
  });

  it('lets only a clinician change the count', () => {
    const surface = renderReview('desk');
    key(surface, 'n');
    key(surface, 'x');
    key(surface, 'Enter');
    expect(count()).toBe('3 hairs · 300.0 /cm²');
    expect(screen.queryByRole('heading', { name: 'Save' })).toBeNull();
  });

  it("shows the engine's likely range of the count beside its confidence", () => {
    renderReview('clinician', {
      ...measurement,
      quality: {
        ok: false,
        issues: ['uncertain-count', 'few-hairs'],
        confidence: 0.4,
        expectedError: 0.3,
        countInterval: [2, 6],
      },
    });
    const engine = screen.getByText(/^Version/).textContent?.replace(/\s+/g, ' ');
    expect(engine).toContain('count typically within ±30 %');
    expect(engine).toContain('likely 2–6 hairs in the field');
    expect(
      screen.getByText(
        /Check this image: uncertain-count \(the count may be far off\), few-hairs \(too few hairs/,
      ),
    ).toBeTruthy();
  });
});
