import type { Availability, PublicClinicInfo } from '@anagen/core/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithData } from '../../test/render';
import { type PickedSlot, SlotPicker } from './slot-picker';

const LA = 'America/Los_Angeles';
// 9 pm on Monday 30 November in Los Angeles, already Tuesday 1 December in UTC.
const NOW = Date.UTC(2026, 11, 1, 5, 0);

const slot = (start: string, providerId = 'p1') => ({
  start,
  end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
  providerId,
});

const availability: Availability = {
  timeZone: LA,
  providers: [
    { id: 'p1', name: 'Dr One' },
    { id: 'p2', name: 'Dr Two' },
  ],
  slots: [
    slot('2026-11-30T17:00:00.000Z'), // 9:00 AM in LA
    slot('2026-11-30T17:00:00.000Z', 'p2'), // the same time with another clinician
    slot('2026-11-30T23:00:00.000Z'), // 3:00 PM
    slot('2026-12-01T02:00:00.000Z'), // 6:00 PM on the 30th in LA, the 1st in UTC
  ],
};

const clinic = { name: 'Test clinic', timeZone: LA, demo: false } as PublicClinicInfo;

function renderPicker(onPick: (s: PickedSlot) => void = () => {}) {
  return renderWithData(<SlotPicker type="consultation" onPick={onPick} />, {
    data: [
      [['clinic'], clinic],
      [['availability', 'consultation', '2026-11-01', '2026-11-30', null], availability],
    ],
  });
}

let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('SlotPicker', () => {
  it('opens on the clinic’s month and will not go back before it, whatever month UTC is in', () => {
    process.env.TZ = 'Pacific/Kiritimati'; // the visitor's own date is already 1 December
    renderPicker();
    expect(screen.getByRole('heading', { level: 3, name: 'November 2026' })).toBeTruthy();
    expect((screen.getByRole('button', { name: /Previous/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /Next/ }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('files each slot under its clinic day, one button per time, and disables days without free times', () => {
    process.env.TZ = LA;
    renderPicker();
    // 3 distinct times on the 30th: the 6 pm slot is the 1st in UTC but the 30th at the clinic.
    const day30 = screen.getByRole('button', { name: 'Monday, November 30, 2026: 3 free times' });
    expect((day30 as HTMLButtonElement).disabled).toBe(false);
    // An earlier day of the month (in the past) offers nothing and cannot be chosen.
    const day29 = screen.getByRole('button', { name: 'Sunday, November 29, 2026: no free times' });
    expect((day29 as HTMLButtonElement).disabled).toBe(true);
    // The first of November is a Sunday: six leading blank cells in a Monday-first week.
    const firstRow = screen.getAllByRole('row')[1]!;
    expect(
      within(firstRow)
        .getAllByRole('cell')
        .filter((c) => c.textContent === ''),
    ).toHaveLength(6);
  });

  it('groups the chosen day’s times into morning and afternoon in clinic time and picks with the clinic zone', () => {
    process.env.TZ = LA;
    const onPick = vi.fn();
    renderPicker(onPick);
    fireEvent.click(screen.getByRole('button', { name: /November 30, 2026: 3 free times/ }));
    const times = screen.getByRole('region', { name: 'Free times on Monday, November 30, 2026' });
    const lists = within(times).getAllByRole('list');
    expect(
      lists.map((l) =>
        within(l)
          .getAllByRole('button')
          .map((b) => b.textContent),
      ),
    ).toEqual([['9:00 AM'], ['3:00 PM', '6:00 PM']]);
    expect(
      within(times)
        .getAllByRole('heading', { level: 4 })
        .map((h) => h.textContent),
    ).toEqual(['Morning', 'Afternoon']);
    // Same zone as the clinic: no second time beside each.
    expect(times.textContent).not.toContain('your time');
    fireEvent.click(within(times).getByRole('button', { name: '6:00 PM' }));
    expect(onPick).toHaveBeenCalledWith(
      expect.objectContaining({ start: '2026-12-01T02:00:00.000Z', timeZone: LA }),
    );
  });

  it('shows a visitor far to the east their own time and that it falls on the next day', () => {
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
    renderPicker();
    fireEvent.click(screen.getByRole('button', { name: /November 30, 2026: 3 free times/ }));
    const times = screen.getByRole('region', { name: /Free times on/ });
    // 9:00 AM in Los Angeles (17:00 UTC) is 7:00 AM the next day at UTC+14.
    const nine = within(times).getByRole('button', { name: /^9:00 AM/ });
    expect(nine.textContent).toBe('9:00 AM7:00 AM your time (next day)');
    expect(times.textContent).toContain(
      'Times are clinic time: Pacific Standard Time (America/Los_Angeles).',
    );
  });

  it('shows a visitor to the west the previous day when their date is earlier', () => {
    process.env.TZ = 'Pacific/Honolulu'; // UTC−10, two hours behind Los Angeles in winter
    renderPicker();
    fireEvent.click(screen.getByRole('button', { name: /November 30, 2026: 3 free times/ }));
    const nine = screen.getByRole('button', { name: /^9:00 AM/ });
    expect(nine.textContent).toBe('9:00 AM7:00 AM your time');
  });
});
