/** A small knowledge graph built by the real ingest pipeline from a corpus written for the contract tests. */
import type { KnowledgeGraph } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { minimalVocabulary, writeCorpus } from './corpus.js';

export const fixtureCorpus: Record<string, string> = {
  ...minimalVocabulary,
  'national/vn-law.md': `---
id: vn-law
kind: law
title: Law on Network Security
country: VN
date: 2018-06-12
inForce: 2019-01-01
source: https://example.org/vn-law
---
## Article 1
Network security duties of operators.

## Article 26
Data of users in Vietnam must be stored within the territory.
`,
  'national/vn-decree.md': `---
id: vn-decree
kind: regulation
title: Decree on Network Security
country: VN
date: 2022-08-15
implements: [instrument:vn-law]
source: https://example.org/vn-decree
---
## Article 1
Details which data must be stored within the territory.
`,
  'national/cn-law.md': `---
id: cn-law
kind: law
title: Cybersecurity Law
country: CN
date: 2016-11-07
themes: [cybersecurity]
source: https://example.org/cn-law
---
## Article 37
Operators keep personal information stored within the territory.
`,
  'national/cn-law-amendment.md': `---
id: cn-law-amendment
kind: law
title: Decision amending the Cybersecurity Law
country: CN
date: 2025-10-28
inForce: 2026-01-01
amends: [instrument:cn-law]
changes:
  - { insert: 1, text: Work on networks follows state guidance. }
  - { renumber: 37, to: 38 }
source: https://example.org/cn-law-amendment
---
Inserts an article on network security and renumbers Article 37.
`,
  'regional/pact.md': `---
id: pact
kind: agreement
title: Regional Pact
date: 2010-01-01
parties: [{ party: CN, signed: 2010-01-01 }, { party: VN }, { party: org:asean }]
source: https://example.org/pact
---
Parties cooperate on network security.
`,
  'forums/speech.md': `---
id: speech
kind: speech
title: Opening speech
date: 2014-09-18
deliveredBy: [person:lu-wei]
presentedAt: [event:forum-2014]
source: https://example.org/speech
---
Lu Wei said, "We admire the Law on Network Security of Viet Nam."
`,
};

export async function fixtureGraph(): Promise<KnowledgeGraph> {
  const root = await writeCorpus(fixtureCorpus);
  return (await ingestCorpus([root])).graph;
}
