import { describe, expect, it } from 'vitest';
import { foldForMatch, isExpandable, tokenize, typoBudget } from '../../server/search/tokenize.js';

const terms = (text: string): string[] => tokenize(text).map((token) => token.term);

describe('tokenize', () => {
  it('lower-cases and splits English at spaces and punctuation', () => {
    expect(terms('Network operators SHALL, per Art. 21, protect data.')).toEqual([
      'network',
      'operators',
      'shall',
      'per',
      'art',
      '21',
      'protect',
      'data',
    ]);
  });

  it('splits words joined by apostrophes and hyphens, as a query would type them', () => {
    expect(terms("China's cross-border data")).toEqual(['china', 's', 'cross', 'border', 'data']);
  });

  it('folds Vietnamese diacritics and đ', () => {
    expect(terms('Luật An ninh mạng Điều 26')).toEqual(['luat', 'an', 'ninh', 'mang', 'dieu', '26']);
    expect(terms('LUẬT AN NINH MẠNG')).toEqual(terms('luat an ninh mang'));
  });

  it('folds decomposed and composed accents alike', () => {
    expect(foldForMatch('ma\u0323ng')).toBe(foldForMatch('mạng'));
    expect(foldForMatch('Grüße')).toBe('grusse');
  });

  it('applies NFKC to full-width letters and ligatures', () => {
    expect(terms('ＤＡＴＡ ﬁle')).toEqual(['data', 'file']);
  });

  it('segments Chinese into words', () => {
    const words = terms('中华人民共和国网络安全法');
    expect(words).toContain('网络');
    expect(words).toContain('安全');
    expect(words.join('')).toBe('中华人民共和国网络安全法');
  });

  it('segments unspaced Thai, Khmer, Lao and Burmese without dropping their vowel signs', () => {
    // Compared with the NFKC form: NFKC rewrites some letters, such as Lao ໝ as ຫມ.
    const samples = ['การรักษาความมั่นคงปลอดภัยไซเบอร์', 'ច្បាប់ស្តីពីសន្តិសុខ', 'ກົດໝາຍວ່າດ້ວຍຄວາມປອດໄພ', 'ဆိုက်ဘာလုံခြုံရေးဥပဒေ'];
    for (const sample of samples) {
      const words = terms(sample);
      expect(words.length).toBeGreaterThan(1);
      expect(words.join('')).toBe(sample.normalize('NFKC'));
    }
    expect(terms('การรักษาความมั่นคงปลอดภัยไซเบอร์')).toContain('ไซเบอร์');
  });

  it('gives offsets into the original text, through folding and segmentation', () => {
    const text = 'Điều 26: không gian mạng — 网络安全';
    for (const token of tokenize(text)) {
      expect(foldForMatch(text.slice(token.start, token.end))).toBe(token.term);
    }
    const mang = tokenize(text).find((token) => token.term === 'mang');
    expect(text.slice(mang?.start, mang?.end)).toBe('mạng');
  });

  it('yields no tokens for punctuation and whitespace', () => {
    expect(tokenize(' "*" () -- ')).toEqual([]);
  });
});

describe('expansion rules', () => {
  it('grants typos by word length like Meilisearch', () => {
    expect(typoBudget('data')).toBe(0);
    expect(typoBudget('cyber')).toBe(1);
    expect(typoBudget('security')).toBe(1);
    expect(typoBudget('cyberspace')).toBe(2);
  });

  it('does not expand numbers or unspaced-script segments', () => {
    expect(isExpandable('cyberspace')).toBe(true);
    expect(isExpandable('2016')).toBe(false);
    expect(isExpandable('网络')).toBe(false);
    expect(isExpandable('ไซเบอร์')).toBe(false);
  });
});
