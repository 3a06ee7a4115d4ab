import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../src/domain/catalog/search-fold.js';

describe('foldForSearch', () => {
  it.each([
    ['İstanbul', 'istanbul'],
    ['ISTANBUL', 'istanbul'],
    ['Äpfel', 'apfel'],
    ['Crème Brûlée', 'creme brulee'],
    ['Straße', 'strasse'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['ﬁne ＭＵＧ', 'fine mug'],
    ['Mug-1', 'mug-1'],
  ])('%s → %s', (text, folded) => expect(foldForSearch(text)).toBe(folded));

  it('keeps what is a letter of its own: dotless ı, kana with dakuten, Hangul syllables', () => {
    expect(foldForSearch('ıspanak')).toBe('ıspanak');
    expect(foldForSearch('がっこう')).toBe('がっこう');
    expect(foldForSearch('한국어')).toBe('한국어');
  });
});
