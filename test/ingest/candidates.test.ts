import { describe, expect, it } from 'vitest';
import { extractCandidates } from '../../ingest/extract/candidates.js';

const names = (text: string, known: { start: number; end: number }[] = []) =>
  extractCandidates(text, known).map((candidate) => `${candidate.kind}: ${candidate.name}`);

describe('extractCandidates', () => {
  it('lists people and organizations that look like names', () => {
    expect(names('The meeting was chaired by Lim Jock Hoi of the ASEAN Secretariat Office.')).toEqual([
      'Person: Lim Jock Hoi',
      'Organization: ASEAN Secretariat Office',
    ]);
  });
  it('skips names already known from the gazetteer', () => {
    const text = 'Speeches came from Charles Zhang and Qi Xiangdong.';
    const known = [{ start: text.indexOf('Charles'), end: text.indexOf('Charles') + 'Charles Zhang'.length }];
    expect(names(text, known)).toEqual(['Person: Qi Xiangdong']);
  });
  it('drops a sentence-initial verb and splits "X and the Y"', () => {
    expect(names('Creates the National Cyber Security Committee.')).toEqual([
      'Organization: National Cyber Security Committee',
    ]);
    expect(names('It binds the Ministry of Public Security and the Ministry of National Defence alike.')).toEqual([
      'Organization: Ministry of Public Security',
      'Organization: Ministry of National Defence',
    ]);
  });
  it('does not take titles of laws, places or offices for people', () => {
    expect(
      names('Under the Cybersecurity Law the Prime Minister of the United States spoke of the Silk Road.'),
    ).toEqual([]);
  });
});
