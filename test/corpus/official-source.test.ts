/**
 * isOfficialSource decides which sources docs/coverage.md counts as official and which the corpus gate asks a
 * reason for: these cases pin down what a host does and does not prove.
 */
import { describe, expect, it } from 'vitest';
import { isOfficialSource } from '../../server/coverage-report.js';

describe('isOfficialSource', () => {
  it.each([
    ['a national government domain', 'https://www.pdpc.gov.sg/overview-of-pdpa'],
    ['a bare gov TLD host', 'https://www.congress.gov/bill/118th-congress'],
    ['an Indonesian go.id host', 'https://peraturan.bpk.go.id/Details/229798/uu-no-27-tahun-2022'],
    ['a Thai go.th host', 'https://www.mdes.go.th/law/detail/1904'],
    ['a Philippine gov.ph host', 'https://www.officialgazette.gov.ph/2012/09/12/republic-act-no-10175/'],
    ['a Chinese gov.cn host', 'https://www.cac.gov.cn/2016-11/07/c_1119867116.htm'],
    ["Viet Nam's Government portal", 'https://chinhphu.vn/?pageid=27160&docid=194113'],
    ["Viet Nam's national legal database", 'https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=130576'],
    ['a Thai state agency under or.th', 'https://www.etda.or.th/th/Useful-Resource/laws-sharing.aspx'],
    ['the ASEAN Secretariat', 'https://asean.org/our-communities/economic-community/'],
    ['an ASEAN Secretariat subdomain', 'https://www.asean.org/wp-content/uploads/2012/05/ASEAN-Framework.pdf'],
    ['the RCEP Secretariat', 'https://rcepsec.org/legal-text/'],
    ['a United Nations press release', 'https://press.un.org/en/2006/lt4396.doc.htm'],
    ["the Council of Europe's treaty office", 'http://conventions.coe.int/Treaty/Commun/ChercheSig.asp?NT=185&CL=ENG'],
    [
      "UNCITRAL's treaty status page",
      'https://uncitral.un.org/en/texts/ecommerce/conventions/electronic_communications/status',
    ],
    ['a Chinese diplomatic mission', 'http://www.china-embassy.org/eng/zgyw/t1812951.htm'],
    ["the NPC's English site", 'http://en.npc.gov.cn.cdurl.cn/2021-06/10/c_689311.htm'],
    ["the NPC's English pages served by China Daily", 'http://subsites.chinadaily.com.cn/npc/2021-06/10/c_1.htm'],
    ['an upper-case host', 'HTTPS://WWW.PDPC.GOV.SG/'],
  ])('counts %s as official', (_, url) => {
    expect(isOfficialSource(url)).toBe(true);
  });

  it.each([
    ['a law firm', 'https://www.nishimura.com/en/knowledge/publications/thailand'],
    ['a news site', 'https://www.kompasiana.com/ridhowahyudi2237/683043bd34777c78851ef2f2/bab-vii-uu-ite'],
    ['a commercial database', 'https://www.lawinfochina.com/display.aspx?id=22826'],
    ['a host that only contains gov in its name', 'https://govtech-news.com/uu-ite'],
    ['a look-alike ending in gov.example', 'https://gov.example.com/law'],
    ['a host that only ends in "gov" letters', 'https://www.ourgov.org/law'],
    ['a go.id look-alike', 'https://peraturan.go.id.example.com/uu'],
    ["China Daily outside the NPC's pages", 'http://subsites.chinadaily.com.cn/other/npc/1.htm'],
    ['the NPC mirror name used as a path', 'https://example.org/en.npc.gov.cn.cdurl.cn/law'],
    ['an unrelated or.th host', 'https://www.nstda.or.th/gov-dx/'],
    ['a host that only ends in "un.org" letters', 'https://www.sun.org/treaty'],
  ])('does not count %s as official', (_, url) => {
    expect(isOfficialSource(url)).toBe(false);
  });

  it('does not count a missing or malformed URL', () => {
    expect(isOfficialSource(undefined)).toBe(false);
    expect(isOfficialSource('')).toBe(false);
    expect(isOfficialSource('peraturan.bpk.go.id/Details/1')).toBe(false);
  });
});
