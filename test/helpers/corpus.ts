/** Small corpora written to temporary folders, so each test states exactly the input it needs. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const minimalVocabulary: Record<string, string> = {
  'vocab/countries.yaml': `countries:
  - { code: CN, name: China, localNames: [中国], asean: false, source: https://example.org/cn }
  - { code: VN, name: Vietnam, localNames: [Việt Nam], aliases: [Viet Nam], asean: true, source: https://example.org/vn }
`,
  'vocab/themes.yaml': `themes:
  - id: cybersecurity
    label: Cybersecurity
    description: Security of networks.
    keywords: { en: [cybersecurity, network security], zh: [网络安全], vi: [an ninh mạng], th: [ความมั่นคงปลอดภัยไซเบอร์] }
  - id: data-localisation
    parent: cybersecurity
    label: Data localisation
    description: Keeping data in the country.
    keywords: { en: [data localisation, stored within the territory], zh: [境内存储] }
`,
  'vocab/gazetteer/people.yaml': `organizations:
  - { id: org:asean, name: ASEAN, aliases: [Association of Southeast Asian Nations], source: https://example.org/asean }
  - { id: org:cac, name: Cyberspace Administration of China, aliases: [CAC, 国家互联网信息办公室], country: CN, source: https://example.org/cac }
people:
  - id: person:lu-wei
    name: Lu Wei
    localName: 鲁炜
    country: CN
    roles: [{ title: Minister, organization: org:cac, from: '2014', source: https://example.org/lu }]
    source: https://example.org/lu
events:
  - { id: event:forum-2014, name: First Forum, date: 2014-09-18, place: Nanning, country: CN, themes: [cybersecurity], participants: [person:lu-wei], source: https://example.org/forum }
`,
};

export function lawDocument(id: string, front: string, body: string): string {
  return `---\nid: ${id}\nkind: law\ntitle: ${id} title\ncountry: VN\nsource: https://example.org/${id}\n${front}---\n${body}\n`;
}

/** Writes files (path → content) into a new temporary folder and returns its path. */
export async function writeCorpus(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'corpus-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}
