import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RemoveWithReason } from './remove-with-reason';

const base = {
  button: 'Remove…',
  question: 'Why remove this photo?',
  confirm: 'Remove photo',
  pending: false,
  error: null,
};

describe('RemoveWithReason', () => {
  it('says what else goes before the user confirms, tied to the reason field', () => {
    const onRemove = vi.fn();
    render(<RemoveWithReason {...base} consequence="The published pair goes too." onRemove={onRemove} />);
    expect(screen.queryByText('The published pair goes too.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }));
    const field = screen.getByLabelText('Why remove this photo?');
    expect(field.getAttribute('aria-describedby')).toBe(screen.getByText('The published pair goes too.').id);
    fireEvent.change(field, { target: { value: 'wrong patient' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove photo' }));
    expect(onRemove).toHaveBeenCalledWith('wrong patient');
  });

  it('has no description when nothing else goes', () => {
    render(<RemoveWithReason {...base} onRemove={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }));
    expect(screen.getByLabelText('Why remove this photo?').hasAttribute('aria-describedby')).toBe(false);
  });
});
