/**
 * Quotations and their speakers. Speakers are gazetteer people already found in the text; the
 * patterns are the common English and Chinese ways of reporting speech.
 */

export interface SpeakerSpan {
  id: string;
  start: number;
  end: number;
}

export interface FoundQuote {
  speaker: string;
  text: string;
  start: number;
}

interface Sentence {
  start: number;
  end: number;
}

const OPENING_QUOTES = new Set(['“', '「', '『']);
const CLOSING_QUOTES = new Set(['”', '」', '』']);

/** Sentence spans, never ending inside a quotation. */
export function sentences(text: string): Sentence[] {
  const spans: Sentence[] = [];
  let start = 0;
  let depth = 0;
  let straightOpen = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    let closesQuote = false;
    if (OPENING_QUOTES.has(char)) depth++;
    else if (CLOSING_QUOTES.has(char)) {
      depth = Math.max(0, depth - 1);
      closesQuote = true;
    } else if (char === '"') {
      straightOpen = !straightOpen;
      closesQuote = !straightOpen;
    }
    if (depth > 0 || straightOpen) continue;
    // A quotation that ends with its own full stop ends the sentence too: "… future." All parties…
    const terminator = closesQuote ? (text[index - 1] ?? '') : char;
    const fullStop = '。！？'.includes(terminator);
    if (!fullStop && !'.!?'.includes(terminator)) continue;
    let end = index + 1;
    while (end < text.length && /["”’')）」]/.test(text[end] ?? '')) end++;
    const next = text.slice(end).match(/^\s+(\S)/);
    const atEnd = text.slice(end).trim() === '';
    // "Sept. 18" or "Dr. Lu": a full stop followed by a lower-case letter or a digit ends no sentence.
    if (fullStop || atEnd || (next && !/[\p{Ll}\d]/u.test(next[1] ?? ''))) {
      spans.push({ start, end });
      start = end;
      index = end - 1;
    }
  }
  if (text.slice(start).trim()) spans.push({ start, end: text.length });
  return spans;
}

const SPEECH_VERB =
  /\b(?:said|says|stated|states|noted|notes|stressed|stresses|added|adds|remarked|declared|told [A-Z][\w ]{0,30}?)\b/g;
const AFTER_VERB = /^(?:\s+(?:in|at|during|on|when|while)\b[^,"“”]{0,80})?\s*,?\s*(?:that\s+)?/;
const APPOSITIVE = /^(?:\s*,[^"“”]{0,160},)?\s*$/;
const CHINESE_VERB = /^[^，。！？“”"]{0,12}?(?:表示|指出|强调|说|认为)[：:，,]?\s*[“"]([^”"]+)[”"]/u;

function cleanQuote(text: string): string {
  let quote = text.trim().replace(/\s+([.,;])/g, '$1');
  quote = quote.replace(/[.\s]+$/u, '');
  const single = /^["“]([^"“”]+)["”]$/.exec(quote);
  return (single ? (single[1] ?? '') : quote).trim().replace(/[.,;\s]+$/u, '');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function extractQuotes(text: string, speakers: SpeakerSpan[]): FoundQuote[] {
  if (speakers.length === 0) return [];
  const found: FoundQuote[] = [];
  const add = (speaker: string, quote: string, start: number) => {
    const cleaned = cleanQuote(quote);
    const latin = /[A-Za-z]/.test(cleaned);
    if ((latin && wordCount(cleaned) >= 4) || (!latin && cleaned.length >= 4))
      found.push({ speaker, text: cleaned, start });
  };
  for (const sentence of sentences(text)) {
    const inSentence = speakers.filter((speaker) => speaker.start >= sentence.start && speaker.end <= sentence.end);
    if (inSentence.length === 0) continue;
    const body = text.slice(sentence.start, sentence.end);
    const offset = sentence.start;

    for (const speaker of inSentence) {
      const before = text.slice(sentence.start, speaker.start);
      const after = text.slice(speaker.end, sentence.end);
      if (/\baccording to\s*$/i.test(before)) {
        add(speaker.id, after.replace(/^\s*,\s*/, ''), speaker.end);
        continue;
      }
      const chinese = CHINESE_VERB.exec(after);
      if (chinese) {
        add(speaker.id, chinese[1] ?? '', speaker.end);
        continue;
      }
      // "…," Lu Wei said.
      const trailing = /^\s+(?:said|says|stated|noted|added)\b/.exec(after);
      const quoted = /["“]([^"“”]+?)[,.]?["”],?\s*$/.exec(before);
      if (trailing && quoted) {
        add(speaker.id, quoted[1] ?? '', offset + (quoted.index ?? 0));
      }
    }

    for (const verb of body.matchAll(SPEECH_VERB)) {
      const verbStart = offset + verb.index;
      const speaker = inSentence
        .filter((candidate) => candidate.end <= verbStart && APPOSITIVE.test(text.slice(candidate.end, verbStart)))
        .at(-1);
      if (!speaker) continue;
      const rest = text.slice(verbStart + verb[0].length, sentence.end);
      const lead = AFTER_VERB.exec(rest)?.[0] ?? '';
      add(speaker.id, rest.slice(lead.length), verbStart);
    }
  }
  return dedupe(found);
}

function dedupe(quotes: FoundQuote[]): FoundQuote[] {
  const seen = new Set<string>();
  return quotes.filter((quote) => {
    const key = `${quote.speaker}\u0000${quote.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
