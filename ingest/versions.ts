/**
 * Versions of instruments (the work / expression model of Akoma Ntoso and ELI): an instrument's original text and
 * each consolidated state after an amending instrument in the corpus took effect, built from the amending
 * instruments' `changes`. Each provision keeps one id through every version, with its number and anchor in each.
 */

import { dropUndefined, type GraphBuilder, linkTarget, type Where } from './assemble.js';
import type { Change } from './corpus-schema.js';
import type { IssueLog } from './issues.js';
import type { InstrumentVersion, NodeOf, ProvisionChange, ProvisionInVersion, TextMode } from './model.js';
import { articleAnchor } from './provisions.js';
import { type DocumentSource, displayPath } from './read.js';

const slugOf = (instrumentId: string) => instrumentId.slice('instrument:'.length);

/** The version every instrument has: as originally enacted, from its own dates and source. */
export function originalVersion(instrument: NodeOf<'Instrument'>): InstrumentVersion {
  return dropUndefined({
    id: `${slugOf(instrument.id)}@original`,
    adopted: instrument.date,
    inForceFrom: instrument.inForce,
    source: instrument.provenance.url,
    checked: instrument.provenance.checked,
    changes: [],
  });
}

/** One amending instrument's changes to one work, each with where it is written. */
interface Amendment {
  instrument: string;
  source: DocumentSource;
  changes: { change: Change; where: Where }[];
}

/** A provision as it stands in the version being built. */
interface Standing {
  provision: NodeOf<'Provision'>;
  number?: string;
  anchor: string;
  label: string;
  text?: string;
  textMode?: TextMode;
  /** The number was given by a change that no source confirms (such as a renumbering inferred from others). */
  numberUnverified?: boolean;
}

const changeKind = (change: Change) =>
  change.insert !== undefined
    ? 'insert'
    : change.replace !== undefined
      ? 'replace'
      : change.renumber !== undefined
        ? 'renumber'
        : 'repeal';

/** Adds versions to every instrument that a document's `changes` amend or that another document supersedes. */
export function addVersions(builder: GraphBuilder, sources: DocumentSource[], log: IssueLog): void {
  const amendments = new Map<string, Amendment[]>();
  const supersededBy = new Map<string, DocumentSource>();
  for (const source of sources) {
    const { meta } = source;
    const metaFile = displayPath(source.metaFile);
    const at = (field: string): Where => ({ file: metaFile, line: source.metaLines.get(field), field });
    for (const link of meta.supersedes) supersededBy.set(linkTarget(link).target, source);
    if (meta.changes.length === 0) continue;
    const amended = meta.amends.map((link) => linkTarget(link).target);
    if (amended.length === 0) {
      log.error({
        ...at('changes'),
        message: 'changes without amends: no instrument to change',
        hint: 'list the amended instrument in amends (amends: [instrument:…])',
      });
      continue;
    }
    if (!meta.inForce) {
      log.error({
        ...at('changes'),
        message: 'an amending instrument with changes needs inForce, the day its changes took effect',
        hint: 'add inForce from the official source; without it the new version cannot be placed in time',
      });
      continue;
    }
    const instrument = `instrument:${meta.id}`;
    meta.changes.forEach((change, index) => {
      const where = { ...at(`changes.${index}`), field: `changes.${index}` };
      const target = change.instrument ?? (amended.length === 1 ? amended[0] : undefined);
      if (!target || !amended.includes(target)) {
        log.error({
          ...where,
          message: target
            ? `${target} is not one of the instruments this document amends`
            : `this document amends ${amended.length} instruments: the change does not say which`,
          hint: `give instrument: one of ${amended.join(', ')}`,
        });
        return;
      }
      const list = amendments.get(target) ?? [];
      let entry = list.find((amendment) => amendment.instrument === instrument);
      if (!entry) {
        entry = { instrument, source, changes: [] };
        list.push(entry);
        amendments.set(target, list);
      }
      entry.changes.push({ change, where });
    });
  }
  const works = new Set([...amendments.keys(), ...supersededBy.keys()]);
  for (const workId of [...works].sort()) {
    const work = builder.nodes.get(workId);
    // An unknown or wrong-kind target is reported with its AMENDS or SUPERSEDES link.
    if (work?.kind !== 'Instrument') continue;
    buildVersions(builder, work, amendments.get(workId) ?? [], supersededBy.get(workId), log);
  }
}

function buildVersions(
  builder: GraphBuilder,
  work: NodeOf<'Instrument'>,
  amendments: Amendment[],
  successor: DocumentSource | undefined,
  log: IssueLog,
): void {
  const workSlug = slugOf(work.id);
  const provisions = [...builder.nodes.values()]
    .filter((node): node is NodeOf<'Provision'> => node.kind === 'Provision' && node.instrument === work.id)
    .sort((a, b) => a.ordinal - b.ordinal);
  const articleWord = provisions.find((provision) => provision.provisionKind === 'article')?.label.split(' ')[0];
  const labelFor = (number: string) => `${articleWord ?? 'Article'} ${number}`;
  const placement = new Map<string, ProvisionInVersion[]>();
  const place = (version: string, standing: Standing[]) => {
    for (const entry of standing) {
      const list = placement.get(entry.provision.id) ?? [];
      list.push(
        dropUndefined({
          version,
          number: entry.number,
          anchor: entry.anchor,
          label: entry.label,
          text: entry.text,
          textMode: entry.textMode,
          unverified: entry.numberUnverified ? ['number'] : undefined,
        }),
      );
      placement.set(entry.provision.id, list);
    }
  };

  const versions = [originalVersion(work)];
  let standing: Standing[] = provisions.map((provision) => ({
    provision,
    number: provision.number,
    anchor: provision.anchor,
    label: provision.label,
    text: provision.text,
    textMode: provision.textMode,
  }));
  place(versions[0]?.id ?? '', standing);
  let ordinal = provisions.length;

  const inForceOrder = (amendment: Amendment) => amendment.source.meta.inForce ?? '';
  for (const amendment of [...amendments].sort(
    (a, b) => inForceOrder(a).localeCompare(inForceOrder(b)) || a.instrument.localeCompare(b.instrument),
  )) {
    const { meta } = amendment.source;
    const versionId = `${workSlug}@${meta.id}`;
    const provenance = { document: amendment.instrument, url: meta.source, checked: meta.checked };
    const before = new Map(standing.flatMap((entry) => (entry.number ? [[entry.number, entry] as const] : [])));
    const next = new Map(standing.map((entry) => [entry, { ...entry }]));
    const touched = new Set<Standing>();
    const recorded: ProvisionChange[] = [];
    const relate = (provision: NodeOf<'Provision'>, note: string, where: Where, url?: string) =>
      builder.relate('AMENDS', amendment.instrument, provision.id, { ...provenance, url: url ?? meta.source }, where, {
        note,
      });
    const moveTo = (entry: Standing, number: string, change: Change) => {
      const moved = next.get(entry);
      if (!moved) return;
      moved.number = number;
      moved.numberUnverified = change.unverified;
      moved.anchor = articleAnchor(number);
      moved.label = labelFor(number);
    };

    const runs: { change: Change; where: Where }[] = [];
    for (const { change, where } of amendment.changes) {
      const kind = changeKind(change);
      const number = change.replace ?? change.renumber ?? change.repeal;
      if (kind === 'renumber' && change.shift !== undefined) {
        // Applied after the single changes, which take precedence within the run; recorded in corpus order.
        runs.push({ change, where });
        recorded.push(
          dropUndefined({
            change: kind,
            number: change.renumber,
            until: change.until,
            shift: change.shift,
            source: change.source,
            unverified: change.unverified,
          }),
        );
        continue;
      }
      const entry = number === undefined ? undefined : before.get(number);
      if (entry && touched.has(entry)) {
        log.error({
          ...where,
          message: `${entry.label} is changed twice by this amendment`,
          hint: 'write one change per provision: a replace can also give its new number (to)',
        });
        continue;
      }
      if (entry) touched.add(entry);
      const url = change.source ?? meta.source;
      if (kind === 'insert') {
        const provision = insertProvision(builder, work, amendment, change, where, labelFor, ordinal++);
        next.set(
          { provision, anchor: '', label: '' },
          {
            provision,
            number: provision.number,
            anchor: provision.anchor,
            label: provision.label,
            text: change.text,
            textMode: change.text ? change.mode : undefined,
            numberUnverified: change.unverified,
          },
        );
        relate(provision, `inserts ${provision.label}`, where, url);
        recorded.push(
          dropUndefined({
            change: kind,
            to: change.insert,
            provision: provision.id,
            source: change.source,
            unverified: change.unverified,
          }),
        );
        continue;
      }
      const to = change.to ?? (kind === 'replace' ? change.replace : undefined);
      if (entry) {
        if (kind === 'repeal') next.delete(entry);
        if (to) moveTo(entry, to, change);
        const changed = next.get(entry);
        if (changed && kind === 'replace') {
          changed.text = change.text;
          changed.textMode = change.text ? change.mode : undefined;
        }
        const moved = to && to !== number ? labelFor(to) : undefined;
        const note =
          kind === 'repeal'
            ? `repeals ${entry.label}`
            : kind === 'renumber'
              ? `renumbers ${entry.label} as ${moved}`
              : `replaces ${entry.label}${moved ? `, now ${moved}` : ''}`;
        relate(entry.provision, note, where, url);
      }
      recorded.push(
        dropUndefined({
          change: kind,
          number,
          to: change.to,
          provision: entry?.provision.id,
          source: change.source,
          unverified: change.unverified,
        }),
      );
    }
    for (const { change, where } of runs) {
      const first = Number(change.renumber);
      const last = change.until === undefined ? Number.POSITIVE_INFINITY : Number(change.until);
      const shift = change.shift ?? 0;
      for (const [number, entry] of before) {
        if (!/^\d+$/.test(number) || touched.has(entry) || !next.has(entry)) continue;
        if (Number(number) < first || Number(number) > last) continue;
        touched.add(entry);
        const to = String(Number(number) + shift);
        moveTo(entry, to, change);
        relate(entry.provision, `renumbers ${entry.label} as ${labelFor(to)}`, where, change.source ?? meta.source);
      }
    }

    standing = [...next.values()];
    const numbers = new Map<string, Standing>();
    for (const entry of standing) {
      if (!entry.number) continue;
      const other = numbers.get(entry.number);
      if (other)
        log.error({
          file: displayPath(amendment.source.metaFile),
          line: amendment.source.metaLines.get('changes'),
          field: 'changes',
          message: `after these changes ${entry.label} would be two provisions (${other.provision.id} and ${entry.provision.id})`,
          hint: 'check the renumbering against the amending text: each number may be given once per version',
        });
      numbers.set(entry.number, entry);
    }
    standing.sort(
      (a, b) =>
        Number.parseFloat(a.number ?? '-1') - Number.parseFloat(b.number ?? '-1') ||
        a.provision.ordinal - b.provision.ordinal,
    );
    const previous = versions.at(-1);
    if (previous && meta.inForce) previous.inForceUntil = meta.inForce;
    versions.push(
      dropUndefined({
        id: versionId,
        amendedBy: amendment.instrument,
        adopted: meta.date,
        inForceFrom: meta.inForce,
        source: meta.source,
        checked: meta.checked,
        changes: recorded,
      }),
    );
    place(versionId, standing);
  }

  const last = versions.at(-1);
  if (last && successor) {
    last.supersededBy = `instrument:${successor.meta.id}`;
    if (successor.meta.inForce) last.inForceUntil = successor.meta.inForce;
  }
  work.versions = versions;
  for (const node of builder.nodes.values())
    if (node.kind === 'Provision' && node.instrument === work.id) node.versions = placement.get(node.id) ?? [];
}

/** A provision an amendment inserts: part of the amended instrument, from the version the amendment makes. */
function insertProvision(
  builder: GraphBuilder,
  work: NodeOf<'Instrument'>,
  amendment: Amendment,
  change: Change,
  where: Where,
  labelFor: (number: string) => string,
  ordinal: number,
): NodeOf<'Provision'> {
  const { meta } = amendment.source;
  const number = change.insert ?? '';
  const anchor = articleAnchor(number);
  const id = `provision:${slugOf(work.id)}:${anchor}@${meta.id}`;
  const provenance = dropUndefined({
    document: amendment.instrument,
    url: change.source ?? meta.source,
    checked: meta.checked,
  });
  const provision: NodeOf<'Provision'> = {
    id,
    kind: 'Provision',
    label: labelFor(number),
    instrument: work.id,
    number,
    anchor,
    ordinal,
    provisionKind: 'article',
    text: change.text ?? '',
    textMode: change.mode,
    language: meta.language,
    line: where.line ?? 1,
    provenance,
  };
  builder.addNode(provision, where);
  builder.relate('PART_OF', id, work.id, provenance, where);
  if (change.text)
    builder.passages.push({
      id: `passage:${slugOf(work.id)}:${anchor}@${meta.id}:1`,
      provision: id,
      instrument: work.id,
      ordinal: 0,
      text: change.text,
      language: meta.language,
      line: where.line ?? 1,
    });
  return provision;
}
