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
/** Capitalised words that name things, not people: a run holding one is no person's name. */
const NOT_IN_NAMES = new Set(
  (
    'Act Agreement Asia Chief Clauses Code Combat Commissioner Commissioners Council Court Crime Cyber Data Declaration ' +
    'Decree Development Direction Gazette Governments Harbor Party Revolution Section Values ' +
    'Digital Domestic Dream East Europe Exchange Executive Exploitation Forum Framework Gateway General Guidelines ' +
    'International Internet Law Materials Minister Model National North Online Order Plan Policy Post President Prime ' +
    'Regulation Road Rules Security Senior Sharing South Standard States Statement Strategy Transnational Treaty Union ' +
    'United West'
  ).split(' '),
);
const MONTHS = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$/;

/** A capitalised word: "Zhang", "Qi", "CEO", "McDonald", "Xi'an". */
const WORD = /^[A-Z][\p{L}'’.-]*$/u;

/** Latin-script sequences of capitalised words not covered by a known mention. */
export function extractCandidates(text: string, known: { start: number; end: number }[]): Candidate[] {
  const candidates: Candidate[] = [];
  const tokens = [...text.matchAll(/\p{L}(?:[\p{L}'’-]|\.(?=\p{L}))*|[,;:()"“”]/gu)];
  const isKnown = (token: RegExpMatchArray) => {
    const start = token.index ?? 0;
    return known.some((span) => span.start < start + token[0].length && start < span.end);
  };
  let run: RegExpMatchArray[] = [];
  const flush = () => {
    if (run.length >= 2) consider(run);
    run = [];
  };
  const consider = (words: RegExpMatchArray[]) => {
    while (words.length > 0 && CONNECTORS.has(words.at(-1)?.[0] ?? '')) words = words.slice(0, -1);
    // "Creates the National Cyber Security Committee": a sentence-initial verb is not part of the name.
    if (words[1]?.[0] === 'the') words = words.slice(2);
    // "Lim Jock Hoi of the ASEAN Secretariat", "Charles Zhang and Qi Xiangdong": two names, unless the
    // left side of "of" (or the whole, for "and") is an organization's name.
    const split = words.findIndex((word) => word[0] === 'of' || word[0] === 'and');
    const joined = (part: RegExpMatchArray[]) => part.map((word) => word[0]).join(' ');
    const judged = words[split]?.[0] === 'of' ? words.slice(0, split) : words;
    if (split > 0 && !ORGANIZATION_WORDS.test(joined(judged))) {
      consider(words.slice(0, split));
      consider(words.slice(words[split + 1]?.[0] === 'the' ? split + 2 : split + 1));
      return;
    }
    const first = words[0];
    const last = words.at(-1);
    if (!first || !last || words.length < 2) return;
    const start = first.index ?? 0;
    const name = text.slice(start, (last.index ?? 0) + last[0].length).replace(/[.]$/, '');
    if (NOT_A_NAME_START.has(first[0]) || words.some((word) => MONTHS.test(word[0]))) return;
    if (ORGANIZATION_WORDS.test(name)) candidates.push({ name, kind: 'Organization', start });
    else if (words.length <= 3 && words.every((word) => /^[A-Z][a-z]+$/.test(word[0]) && !NOT_IN_NAMES.has(word[0]))) {
      candidates.push({ name, kind: 'Person', start });
    }
  };
  tokens.forEach((token, index) => {
    const word = token[0];
    // A known name, or "X and the Y" (two bodies), ends the run.
    if (isKnown(token) || (word === 'and' && tokens[index + 1]?.[0] === 'the')) {
      flush();
      return;
    }
    if (WORD.test(word) || (run.length > 0 && CONNECTORS.has(word))) run.push(token);
    else flush();
  });
  flush();
  return candidates;
}
