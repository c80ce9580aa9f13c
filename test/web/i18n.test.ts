/**
 * The explorer in English and Simplified Chinese: each language has every key the other has (plural forms as
 * each language's grammar needs them) with the same placeholders and tags, the language is chosen as readers
 * expect, and no English sentence is left written into a component instead of going through the dictionaries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ThemesFile } from '../../ingest/corpus-schema.js';
import { en } from '../../web/src/i18n/en.js';
import { languages, resolveLanguage } from '../../web/src/i18n/languages.js';
import { themeNames } from '../../web/src/i18n/themes.js';
import { zh } from '../../web/src/i18n/zh.js';
import { repositoryRoot } from '../helpers/server.js';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const dictionaries = { en, zh } satisfies Record<keyof typeof languages, Tree>;

/** Keys without their plural suffix, each with the plural forms it has. */
function keysOf(language: keyof typeof dictionaries) {
  const keys = new Map<string, Set<string>>();
  for (const key of flatten(dictionaries[language]).keys()) {
    const base = key.replace(pluralSuffix, '');
    const forms = keys.get(base) ?? new Set<string>();
    if (base !== key) forms.add(key.slice(base.length + 1));
    keys.set(base, forms);
  }
  return keys;
}

/** {{placeholders}} (format dropped) and <tags>: what the code fills in and what <Trans> wraps. */
const slots = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}|<\/?(\w+)\s*\/?>/g)].map((match) => match[1] ?? `<${match[2]}>`).sort();

describe('the dictionaries', () => {
  const english = keysOf('en');

  for (const language of Object.keys(dictionaries) as (keyof typeof dictionaries)[]) {
    const own = keysOf(language);
    const categories = new Intl.PluralRules(languages[language].locale).resolvedOptions().pluralCategories;

    it(`${language} has every key of English and no other, with the plural forms its grammar needs`, () => {
      expect([...own.keys()].filter((key) => !english.has(key))).toEqual([]);
      expect([...english.keys()].filter((key) => !own.has(key))).toEqual([]);
      for (const [key, forms] of own) {
        if ((english.get(key)?.size ?? 0) === 0) {
          expect(forms.size, `${language}: ${key} is plural here but not in English`).toBe(0);
          continue;
        }
        // Chinese needs only "other"; English "one" and "other" (zero, two, few… where a language has them).
        expect([...forms].sort(), `${language}: plural forms of ${key}`).toEqual(
          categories.filter((category) => category !== 'zero' || forms.has('zero')).sort(),
        );
      }
    });

    it(`${language} fills in the same placeholders and tags as English`, () => {
      const englishTexts = flatten(en);
      for (const [key, text] of flatten(dictionaries[language])) {
        const base = key.replace(pluralSuffix, '');
        const reference = englishTexts.get(key) ?? englishTexts.get(`${base}_other`);
        expect(slots(text), `${language}: ${key}`).toEqual(slots(reference ?? ''));
      }
    });

    it(`${language} has no empty text`, () => {
      expect([...flatten(dictionaries[language])].filter(([, text]) => text.trim() === '')).toEqual([]);
    });
  }

  it('Chinese is actually Chinese: most texts have Chinese characters', () => {
    const texts = [...flatten(zh).values()];
    const chinese = texts.filter((text) => /\p{Script=Han}/u.test(text));
    expect(chinese.length / texts.length).toBeGreaterThan(0.8);
  });
});

describe('theme names', () => {
  const { themes } = ThemesFile.parse(
    parse(readFileSync(join(repositoryRoot, 'corpus', 'vocab', 'themes.yaml'), 'utf8')),
  );

  for (const [language, names] of Object.entries(themeNames)) {
    it(`${language} names every theme of corpus/vocab/themes.yaml and no other`, () => {
      const ids = themes.map((theme) => theme.id);
      expect(
        ids.filter((id) => !Object.hasOwn(names, id)),
        `themes without a ${language} name`,
      ).toEqual([]);
      expect(
        Object.keys(names).filter((id) => !ids.includes(id)),
        `${language} names of no theme`,
      ).toEqual([]);
    });

    it(`${language} gives two themes the same name nowhere, and no name is empty`, () => {
      const texts = Object.values(names).map((name) => name.trim());
      expect(texts.filter((name) => name === '')).toEqual([]);
      expect(new Set(texts).size).toBe(texts.length);
    });
  }

  it('the Chinese names are in Chinese', () => {
    expect(Object.values(themeNames.zh).filter((name) => !/^\p{Script=Han}+$/u.test(name))).toEqual([]);
  });
});

describe('choosing the language', () => {
  it('follows the URL first, then the earlier choice, then the browser, else English', () => {
    expect(resolveLanguage('?lang=zh', ['en-GB'], 'en')).toBe('zh');
    expect(resolveLanguage('?lang=en', ['zh-CN'], 'zh')).toBe('en');
    expect(resolveLanguage('?q=x', ['en-US'], 'zh')).toBe('zh');
    expect(resolveLanguage('', ['zh-CN', 'en'], null)).toBe('zh');
    expect(resolveLanguage('', ['fr-FR', 'zh-TW'], null)).toBe('zh');
    expect(resolveLanguage('', ['fr-FR'], null)).toBe('en');
    expect(resolveLanguage('?lang=xx', ['fr'], 'yy')).toBe('en');
  });
});

/** JSX attributes that people read or hear. */
const readAttributes = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'what', 'caption', 'prefix']);
/** Text with a word of two letters or more: symbols, numbers and punctuation need no translation. */
const words = /\p{Script=Latin}{2,}/u;
const shownOperators = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.PlusToken,
]);

/** A string literal inside JSX that is code, not text: a call's argument, a comparison, an index, a case. */
function isCode(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent) || ts.isElementAccessExpression(parent)) return true;
  if (ts.isBinaryExpression(parent)) return !shownOperators.has(parent.operatorToken.kind);
  return ts.isCaseClause(parent) || ts.isLiteralTypeNode(parent) || ts.isPropertyAssignment(parent);
}

/** The text of a literal, template parts joined: `${n} results` reads " results". */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

/** English left in a component's JSX: text, read attributes, and strings shown from inside {…}. */
function englishInJsx(name: string, code: string): string[] {
  const source = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${name}:${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node, shown: boolean): void => {
    if (ts.isJsxText(node)) {
      if (words.test(node.text)) report(node, node.text);
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const read = readAttributes.has(node.name.getText(source));
      if (read && node.initializer && ts.isStringLiteral(node.initializer) && words.test(node.initializer.text))
        report(node, `${node.name.getText(source)}="${node.initializer.text}"`);
      if (node.initializer && ts.isJsxExpression(node.initializer)) visit(node.initializer, read);
      return;
    }
    const text = literalText(node);
    if (text !== undefined && shown && words.test(text) && !isCode(node)) report(node, text);
    const opensText = ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent);
    // A call inside JSX (t('key'), href('/x')) takes code; what it returns is checked where it is written.
    const closesText = ts.isCallExpression(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node);
    ts.forEachChild(node, (child) => visit(child, (shown || opensText) && !closesText));
  };
  visit(source, false);
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

describe('the components', () => {
  const files = sourceFiles(join(repositoryRoot, 'web', 'src'));

  it('the check catches English text, read attributes and strings shown inside JSX, and leaves code alone', () => {
    const sample = `export const A = ({ ok, kind }) => (
      <p title="Open it" className="big-box" data-x="yes">
        Hello there
        {ok ? 'Yes please' : t('x.y')}
        {kind === 'Instrument' && ' · '}
        {\`\${n} more\`}
        <Link to={href('/compare', { a: 'b c' })} aria-label={ok ? 'Go now' : t('z')}>{t('k')}</Link>
        → 12 · {kind}
      </p>
    );`;
    expect(englishInJsx('sample.tsx', sample).map((found) => found.replace(/^sample\.tsx:\d+: /, ''))).toEqual([
      'title="Open it"',
      'Hello there',
      'Yes please',
      ' more'.trim(),
      'Go now',
    ]);
  });

  it('finds the components to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('write no English text into JSX: every word goes through the dictionaries', () => {
    const found = files.flatMap((file) => englishInJsx(relative(repositoryRoot, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
