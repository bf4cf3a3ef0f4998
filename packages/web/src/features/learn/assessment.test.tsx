import { type AssessmentInputRaw, AssessmentInputSchema, assessCandidacy } from '@anagen/core/assessment';
import type { AssessmentDto } from '@anagen/core/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithData } from '../../test/render';
import AssessmentPage from './assessment-page';
import { AssessmentResult } from './assessment-result';
import { library } from './library';

const answers = (over: Partial<AssessmentInputRaw> = {}): AssessmentInputRaw => ({
  sex: 'male',
  age: 34,
  pregnancyPotential: 'no',
  onset: 'receding-hairline-or-crown',
  durationMonths: 24,
  familyHistory: 'yes',
  scale: null,
  scalpSymptoms: [],
  otherSymptoms: [],
  conditions: [],
  priorTreatments: [],
  goals: [],
  monthlyBudgetCents: null,
  ...over,
});

/** The result the API would answer: core's own rules on the same treatment library the page shows. */
function assessed(input: AssessmentInputRaw, id: string | null = 'a1'): AssessmentDto {
  const result = assessCandidacy(AssessmentInputSchema.parse(input), library.treatments);
  return { id, patientId: null, createdAt: 0, input: { ...input }, result, summary: '' };
}

function renderResult(dto: AssessmentDto) {
  return renderWithData(
    <AssessmentResult
      assessment={dto}
      headingRef={createRef()}
      signedInAsPatient={false}
      onRestart={() => {}}
    />,
  );
}

describe('assessment result routing', () => {
  it('sends a person with a red flag to a physician, with no treatments and no booking button', () => {
    const dto = assessed(answers({ scalpSymptoms: ['pain'] }));
    expect(dto.result.seePhysicianFirst).toBe(true);
    renderResult(dto);
    const referral = screen.getByRole('region', { name: 'Please see a physician first' });
    expect(within(referral).getAllByRole('listitem').length).toBe(dto.result.redFlags.length);
    expect(screen.queryByRole('heading', { name: /Options to discuss/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Book a consultation' })).toBeNull();
  });

  it('ranks options and offers a consultation carrying the assessment when nothing needs a doctor first', () => {
    const dto = assessed(answers());
    expect(dto.result.seePhysicianFirst).toBe(false);
    renderResult(dto);
    expect(screen.queryByRole('region', { name: 'Please see a physician first' })).toBeNull();
    expect(screen.getByRole('heading', { name: /Options to discuss/ })).toBeTruthy();
    const options = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(options).toEqual(dto.result.options.map((o) => o.name));
    expect(screen.getByRole('link', { name: 'Book a consultation' }).getAttribute('href')).toBe(
      '/book?type=consultation&assessment=a1',
    );
  });

  it('routes sudden shedding to a physician even with an otherwise ordinary picture', () => {
    renderResult(assessed(answers({ onset: 'sudden-shedding' })));
    expect(screen.getByRole('region', { name: 'Please see a physician first' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Book a consultation' })).toBeNull();
  });
});

describe('assessment form', () => {
  const renderForm = () =>
    renderWithData(<AssessmentPage />, { data: [[['me'], null]], path: '/assessment', route: '/assessment' });
  const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next' }));

  it('stays on a step until its questions are answered, saying which ones', () => {
    renderForm();
    next();
    expect(screen.getByText('Step 1 of 5')).toBeTruthy();
    expect(screen.getAllByText('Please answer this question.').length).toBeGreaterThanOrEqual(2);
    fireEvent.click(screen.getByRole('radio', { name: 'Male' }));
    fireEvent.change(screen.getByLabelText(/Age in years/), { target: { value: '130' } });
    fireEvent.click(
      within(screen.getByRole('group', { name: /Could you become pregnant/ })).getByLabelText('No'),
    );
    next();
    expect(screen.getByText('Step 1 of 5')).toBeTruthy();
    expect(screen.getByText('Please enter an age between 0 and 120.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Age in years/), { target: { value: '34' } });
    next();
    expect(screen.getByText('Step 2 of 5')).toBeTruthy();
  });

  it('explains in plain words a duration longer than the person’s life', () => {
    renderForm();
    fireEvent.click(screen.getByRole('radio', { name: 'Male' }));
    fireEvent.change(screen.getByLabelText(/Age in years/), { target: { value: '2' } });
    fireEvent.click(
      within(screen.getByRole('group', { name: /Could you become pregnant/ })).getByLabelText('No'),
    );
    next();
    fireEvent.click(screen.getByRole('radio', { name: 'Receding hairline or thinning crown' }));
    fireEvent.change(screen.getByLabelText(/How long has it been going on/), { target: { value: '60' } });
    fireEvent.click(
      within(screen.getByRole('group', { name: /parent, brother or sister/ })).getByLabelText('Yes'),
    );
    next();
    expect(screen.getByText('Step 2 of 5')).toBeTruthy();
    expect(
      screen.getByText('That is longer than you have been alive. Please check the number of months.'),
    ).toBeTruthy();
  });
});
