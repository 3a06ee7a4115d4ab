/**
 * What "case-insensitive" means for catalog search (`q`), applied alike to the stored text and to
 * the search term on every store, so that they all find the same products:
 * - compatibility forms fold to their plain letters (NFKD: "ﬁ" → "fi", full-width "ＭＵＧ" → "mug");
 * - lower case, with ß as "ss" and a final sigma as σ (as Unicode's case folding has them);
 * - the Latin, Greek and Cyrillic diacritics (U+0300–U+036F) drop, so "İstanbul", "ISTANBUL" and
 *   "istanbul" find each other ("İ" lower-cases to "i" plus a combining dot), and so do "Äpfel",
 *   "äpfel" and "apfel", or "café" and "cafe". Marks of other scripts stay: Japanese dakuten, Indic
 *   and Thai vowel signs change the letter, not its accent;
 * - then NFC, so what remains composes again (Hangul syllables, kana with dakuten).
 * The Turkish dotless "ı" stays a letter of its own, as in Turkish.
 */
export const foldForSearch = (text: string): string =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .normalize('NFC');
