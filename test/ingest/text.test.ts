import { describe, expect, it } from 'vitest';
import { fold, PhraseMatcher } from '../../ingest/text.js';

describe('fold', () => {
  it('ignores case, Vietnamese diacritics and đ', () => {
    expect(fold('An Ninh Mạng')).toBe('an ninh mang');
    expect(fold('Điều 26')).toBe('dieu 26');
  });
  it('treats dash and quote variants alike', () => {
    expect(fold('China–ASEAN “forum”')).toBe('china-asean "forum"');
  });
});

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher([
    { phrase: 'Lu Wei', value: 'person:lu-wei' },
    { phrase: '鲁炜', value: 'person:lu-wei' },
    { phrase: 'CAC', value: 'org:cac' },
    { phrase: 'an ninh mạng', value: 'theme:cybersecurity' },
    { phrase: 'ข้อมูลส่วนบุคคล', value: 'theme:personal-data' },
    { phrase: 'China–ASEAN Expo', value: 'event:expo' },
  ]);
  const values = (text: string) => matcher.find(text).map((match) => match.value);

  it('matches whole words only in Latin script', () => {
    expect(values('Minister Lu Wei spoke')).toEqual(['person:lu-wei']);
    expect(values('Lu Weichang spoke; CACAO prices')).toEqual([]);
  });
  it('is case- and diacritic-insensitive and returns offsets into the original text', () => {
    const [match] = matcher.find('Luật AN NINH MANG 2018');
    expect(match?.value).toBe('theme:cybersecurity');
    expect('Luật AN NINH MANG 2018'.slice(match?.start, match?.end)).toBe('AN NINH MANG');
  });
  it('keeps offsets right after characters that fold to a different length', () => {
    const text = 'Điều 1: an ninh mạng';
    const [match] = matcher.find(text);
    expect(text.slice(match?.start, match?.end)).toBe('an ninh mạng');
  });
  it('finds Chinese and Thai names inside unspaced text', () => {
    expect(values('国家互联网信息办公室主任鲁炜表示')).toEqual(['person:lu-wei']);
    expect(values('พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562')).toEqual(['theme:personal-data']);
  });
  it('matches an en dash alias written with a hyphen', () => {
    expect(values('the 11th China-ASEAN Expo in Nanning')).toEqual(['event:expo']);
  });
});
