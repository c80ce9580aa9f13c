import { describe, expect, it } from 'vitest';
import { extractQuotes, type SpeakerSpan, sentences } from '../../ingest/extract/quotes.js';

function speakersIn(text: string, names: Record<string, string>): SpeakerSpan[] {
  return Object.entries(names).flatMap(([name, id]) => {
    const start = text.indexOf(name);
    return start < 0 ? [] : [{ id, start, end: start + name.length }];
  });
}

function quotes(text: string, names: Record<string, string> = { 'Lu Wei': 'person:lu-wei', 鲁炜: 'person:lu-wei' }) {
  return extractQuotes(text, speakersIn(text, names)).map((quote) => [quote.speaker, quote.text]);
}

describe('extractQuotes', () => {
  it('reads X said, "…"', () => {
    expect(quotes('Lu Wei said, "We will build an information harbor together."')).toEqual([
      ['person:lu-wei', 'We will build an information harbor together'],
    ]);
  });
  it('reads an appositive role and a "said in a letter" phrase', () => {
    const text =
      'Just as Lu Wei, minister of the agency, said in a congratulatory letter, China "will deepen exchanges with its neighbours".';
    expect(quotes(text)).toEqual([['person:lu-wei', 'China "will deepen exchanges with its neighbours"']]);
  });
  it('reads According to X, …', () => {
    expect(quotes('According to Lu Wei, the two sides should share data on disasters.')).toEqual([
      ['person:lu-wei', 'the two sides should share data on disasters'],
    ]);
  });
  it('reads a trailing attribution', () => {
    expect(quotes('"Cyberspace is a shared home for all of us," Lu Wei said.')).toEqual([
      ['person:lu-wei', 'Cyberspace is a shared home for all of us'],
    ]);
  });
  it('reads Chinese 表示/指出', () => {
    expect(quotes('鲁炜表示：“中国愿与东盟共建信息港。”')).toEqual([['person:lu-wei', '中国愿与东盟共建信息港。']]);
    expect(quotes('鲁炜在会上指出，“网络空间是人类共同的家园”。')).toEqual([
      ['person:lu-wei', '网络空间是人类共同的家园'],
    ]);
  });
  it('does not attribute a quotation to a person who is only mentioned', () => {
    expect(quotes('The report praised Lu Wei and noted, "The forum was a success for everyone."')).toEqual([]);
  });
  it('needs a known speaker', () => {
    expect(quotes('Somebody said, "This is not attributed to anyone we know."')).toEqual([]);
  });
});

describe('sentences', () => {
  it('does not end a sentence inside a quotation or after "Sept."', () => {
    const text = 'Held on Sept. 18 in Nanning. He said, "It works. Really." Then left.';
    expect(sentences(text).map((span) => text.slice(span.start, span.end).trim())).toEqual([
      'Held on Sept. 18 in Nanning.',
      'He said, "It works. Really."',
      'Then left.',
    ]);
  });
});
