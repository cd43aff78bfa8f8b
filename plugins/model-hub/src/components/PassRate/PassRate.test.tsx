import { render, screen } from '@testing-library/react';
import { formatPassRate, PassRate, passRateWords } from './PassRate';

describe('PassRate', () => {
  it('rounds without claiming all or nothing passes', () => {
    expect(formatPassRate(1 / 3)).toBe('33%');
    expect(formatPassRate(0.996)).toBe('99%');
    expect(formatPassRate(0.001)).toBe('1%');
    expect(formatPassRate(1)).toBe('100%');
    expect(formatPassRate(0)).toBe('0%');
  });

  it('says the counts in words', () => {
    expect(passRateWords(2, 4)).toBe('2 of 6 checks pass');
    expect(passRateWords(1, 0)).toBe('1 of 1 check passes');
    expect(passRateWords(0, 0)).toBe('No check applies');
  });

  it('shows the percentage, a bar and the words', () => {
    render(<PassRate passed={2} failed={4} passRate={2 / 6} />);
    expect(screen.getByText('33%')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Pass rate 33%' }),
    ).toHaveAttribute('aria-valuenow', '33');
    expect(screen.getByText('2 of 6 checks pass')).toBeInTheDocument();
  });
});
