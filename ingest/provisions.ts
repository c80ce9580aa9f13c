/** Splits a document body into provisions (articles, sections or passages) and their paragraphs. */
import { slugify } from './text.js';

export interface ParsedParagraph {
  text: string;
  line: number;
}

export interface ParsedProvision {
  provisionKind: 'article' | 'section' | 'passage';
  label: string;
  number?: string;
  anchor: string;
  line: number;
  paragraphs: ParsedParagraph[];
}

const ARTICLE_WORDS = 'Article|Art\\.|Section|Sec\\.|Điều|Dieu|Pasal|Perkara|Seksyen|Rule|มาตรา';
const ARTICLE_LINE = new RegExp(
  `^(?:#{1,6}\\s+)?(?:\\*\\*)?(${ARTICLE_WORDS})\\s+(\\d+[A-Za-z]?(?:\\.\\d+)?)(?:\\*\\*)?(?=[\\s.:–—-]|$)[.:–—-]?\\s*(.*)$`,
  'iu',
);
const CHINESE_ARTICLE_LINE = /^(?:#{1,6}\s+)?第([一二三四五六七八九十百千零〇两\d]+)条\s*(.*)$/u;
const HEADING_LINE = /^#{1,6}\s+(.+?)\s*#*$/u;

/** The anchor of a numbered provision: `art-37` for Article 37 (and 第三十七条, Điều 37, Section 37), `art-4-1` for 4.1. */
export const articleAnchor = (number: string): string => `art-${number.toLowerCase().replace(/\./g, '-')}`;

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "三十七" → 37, "一百零二" → 102, "37" → 37. */
export function chineseNumeral(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit = 0;
  for (const char of text) {
    const unit = CHINESE_UNITS[char];
    if (unit !== undefined) {
      total += (digit || 1) * unit;
      digit = 0;
    } else {
      digit = CHINESE_DIGITS[char] ?? 0;
    }
  }
  return total + digit;
}

const ARTICLE_LABEL: Record<string, string> = { 'art.': 'Article', 'sec.': 'Section', dieu: 'Điều' };

function articleStart(line: string): { label: string; number: string; rest: string } | undefined {
  const latin = ARTICLE_LINE.exec(line);
  if (latin) {
    const word = latin[1] ?? '';
    const label = ARTICLE_LABEL[word.toLowerCase()] ?? word[0]?.toUpperCase() + word.slice(1).toLowerCase();
    return { label: word === 'มาตรา' ? word : label, number: latin[2] ?? '', rest: latin[3] ?? '' };
  }
  const chinese = CHINESE_ARTICLE_LINE.exec(line);
  if (chinese) {
    return { label: 'Article', number: String(chineseNumeral(chinese[1] ?? '')), rest: chinese[2] ?? '' };
  }
  return undefined;
}

/**
 * Plain text that is not hard-wrapped puts one paragraph on each line; hard-wrapped text (and
 * Markdown) separates paragraphs with blank lines.
 */
function oneParagraphPerLine(lines: string[], format: 'markdown' | 'text'): boolean {
  if (format === 'markdown') return false;
  return lines.some((line) => line.length > 200);
}

export function parseProvisions(body: string, firstLine: number, format: 'markdown' | 'text'): ParsedProvision[] {
  const lines = body.split('\n');
  const perLine = oneParagraphPerLine(lines, format);
  const provisions: ParsedProvision[] = [];
  let current: ParsedProvision | undefined;
  let paragraph: string[] = [];
  let paragraphLine = 0;
  let structured = false;

  const closeParagraph = () => {
    const text = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (text) {
      if (!current) {
        current = { provisionKind: 'passage', label: '', anchor: '', line: paragraphLine, paragraphs: [] };
        provisions.push(current);
      }
      current.paragraphs.push({ text, line: paragraphLine });
    }
    paragraph = [];
  };
  const open = (provision: ParsedProvision) => {
    closeParagraph();
    structured = true;
    current = provision;
    provisions.push(provision);
  };

  lines.forEach((raw, index) => {
    const line = raw.trim();
    const lineNumber = firstLine + index;
    const article = articleStart(line);
    if (article) {
      open({
        provisionKind: 'article',
        label: `${article.label} ${article.number}`,
        number: article.number,
        anchor: articleAnchor(article.number),
        line: lineNumber,
        paragraphs: [],
      });
      if (article.rest) {
        paragraph = [article.rest];
        paragraphLine = lineNumber;
        closeParagraph();
      }
      return;
    }
    const heading = format === 'markdown' ? HEADING_LINE.exec(line) : null;
    if (heading) {
      const label = heading[1] ?? '';
      open({
        provisionKind: 'section',
        label,
        anchor: `s-${slugify(label) || index}`,
        line: lineNumber,
        paragraphs: [],
      });
      return;
    }
    if (!line) {
      closeParagraph();
      return;
    }
    if (paragraph.length === 0) paragraphLine = lineNumber;
    paragraph.push(line);
    if (perLine) closeParagraph();
  });
  closeParagraph();

  const kept = provisions.filter(
    (provision) => provision.paragraphs.length > 0 || provision.provisionKind === 'article',
  );
  return structured ? labelPreamble(kept) : splitIntoPassages(kept);
}

/** A document with no articles or headings: each paragraph is a passage of its own. */
function splitIntoPassages(provisions: ParsedProvision[]): ParsedProvision[] {
  const paragraphs = provisions.flatMap((provision) => provision.paragraphs);
  return paragraphs.map((paragraph, index) => ({
    provisionKind: 'passage',
    label: `Paragraph ${index + 1}`,
    anchor: `p-${index + 1}`,
    line: paragraph.line,
    paragraphs: [paragraph],
  }));
}

/** Text before the first article or heading is the preamble. */
function labelPreamble(provisions: ParsedProvision[]): ParsedProvision[] {
  for (const provision of provisions) {
    if (provision.anchor === '') {
      provision.provisionKind = 'section';
      provision.label = 'Preamble';
      provision.anchor = 'preamble';
    }
  }
  return provisions;
}
