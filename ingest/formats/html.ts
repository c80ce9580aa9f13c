/** HTML to the plain-text body format: headings become Markdown headings, blocks become paragraphs. */
import { Parser } from 'htmlparser2';

const BLOCK = new Set(['p', 'div', 'section', 'article', 'li', 'tr', 'br', 'blockquote', 'pre', 'table', 'ul', 'ol']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head']);

export function htmlToText(html: string): string {
  const blocks: string[] = [];
  let current = '';
  let skipDepth = 0;
  let headingLevel = 0;
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) blocks.push(headingLevel ? `${'#'.repeat(headingLevel)} ${text}` : text);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        else if (/^h[1-6]$/.test(name)) {
          flush();
          headingLevel = Number(name[1]);
        } else if (BLOCK.has(name)) flush();
      },
      ontext(text) {
        if (skipDepth === 0) current += text;
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (/^h[1-6]$/.test(name)) {
          flush();
          headingLevel = 0;
        } else if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks.join('\n\n');
}
