/**
 * Names that look like people or organizations but are not in the gazetteer. They are reported
 * for a curator to add (or ignore), never added to the graph on their own.
 */

export interface Candidate {
  name: string;
  kind: 'Person' | 'Organization';
  start: number;
}

const ORGANIZATION_WORDS =
  /\b(?:Administration|Agency|Authority|Association|Bank|Board|Bureau|Centre|Center|Commission|Committee|Company|Corporation|Council|Court|Department|Group|Institute|Institutes|League|Ministry|Office|Organi[sz]ation|Parliament|Team|University|Union)\b/;
const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'on', 'in', 'de']);
const NOT_A_NAME_START = new Set([
  'The',
  'A',
  'An',
  'In',
  'On',
  'At',
  'As',
  'By',
  'For',
  'From',
  'If',
  'It',
  'Its',
  'This',
  'That',
  'These',
  'Those',
  'Just',
  'According',
  'Therefore',
  'However',
  'Only',
  'Most',
  'All',
  'Good',
  'Nearly',
  'Cyberspace',
  'Internet',
  'Article',
  'Section',
  'Chapter',
  'Part',
  'Law',
  'Act',
  'Decree',
]);
const MONTHS = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$/;

/** A capitalised word: "Zhang", "Qi", "CEO", "McDonald", "Xi'an". */
const WORD = /^[A-Z][\p{L}'’.-]*$/u;

/** Latin-script sequences of capitalised words not covered by a known mention. */
export function extractCandidates(text: string, known: { start: number; end: number }[]): Candidate[] {
  const candidates: Candidate[] = [];
  const tokens = [...text.matchAll(/[\p{L}][\p{L}'’.-]*|[,;:()"“”]/gu)];
  let run: RegExpMatchArray[] = [];
  const flush = () => {
    while (run.length > 0 && CONNECTORS.has(run.at(-1)?.[0] ?? '')) run.pop();
    if (run.length >= 2) consider(run);
    run = [];
  };
  const consider = (words: RegExpMatchArray[]) => {
    const first = words[0];
    const last = words.at(-1);
    if (!first || !last) return;
    const start = first.index ?? 0;
    const end = (last.index ?? 0) + last[0].length;
    if (known.some((span) => span.start < end && start < span.end)) return;
    const name = text.slice(start, end).replace(/[.]$/, '');
    if (NOT_A_NAME_START.has(first[0]) || words.some((word) => MONTHS.test(word[0]))) return;
    if (ORGANIZATION_WORDS.test(name)) candidates.push({ name, kind: 'Organization', start });
    else if (words.length <= 3 && words.every((word) => /^[A-Z][a-z]+$/.test(word[0]))) {
      candidates.push({ name, kind: 'Person', start });
    }
  };
  for (const token of tokens) {
    const word = token[0];
    if (WORD.test(word) || (run.length > 0 && CONNECTORS.has(word))) run.push(token);
    else flush();
  }
  flush();
  return candidates;
}
