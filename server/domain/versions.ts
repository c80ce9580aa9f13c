/**
 * Point in time and what changed: which version of an instrument was in force on a day, how a provision stood in
 * a version, and the differences between two versions, from the versions the ingest built (ingest/versions.ts).
 */
import { diffWordsWithSpace } from 'diff';
import type { InstrumentVersion, NodeOf, ProvisionInVersion } from '../../ingest/model.js';
import { originalVersion } from '../../ingest/versions.js';

type Instrument = NodeOf<'Instrument'>;
type Provision = NodeOf<'Provision'>;

/** Why a value is not a calendar day written YYYY-MM-DD, or undefined when it is one. */
export function dayProblem(value: string): string | undefined {
  const problem = `${JSON.stringify(value)} is not a date written YYYY-MM-DD (e.g. 2026-01-01)`;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return problem;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12)
    return `${JSON.stringify(value)} is not a day of the calendar (there is no month ${match[2]})`;
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return `${JSON.stringify(value)} is not a day of the calendar (${year}-${match[2]} has no day ${match[3]})`;
  return undefined;
}

/** Today in UTC, YYYY-MM-DD: the day an `asOf` left out stands for. */
export const today = () => new Date().toISOString().slice(0, 10);

/** An instrument's versions, oldest first; one without recorded amendments has its original version only. */
export const versionsOf = (instrument: Instrument): InstrumentVersion[] =>
  instrument.versions ?? [originalVersion(instrument)];

/**
 * The day a version starts to count: its in-force date, or its adoption when the corpus lacks that. Dates as
 * precise as the source (YYYY or YYYY-MM) compare as their first day, so a law in force "2017-06" counts from
 * 2017-06-01.
 */
const startOf = (version: InstrumentVersion) => version.inForceFrom ?? version.adopted ?? '';

/** The version in force on a day (YYYY-MM-DD), or undefined before the first took effect or after the last ended. */
export function versionOn<V extends InstrumentVersion>(versions: V[], day: string): V | undefined {
  return versions.find(
    (version) => startOf(version) <= day && (version.inForceUntil === undefined || day < version.inForceUntil),
  );
}

/**
 * Whether an instrument was law in force on a day, for search limited to that day: a version of it was in force
 * then. An instrument without a status (a speech, an article) or a draft is not law in force; one repealed or
 * superseded on a day the corpus lacks is left out too, since the corpus cannot say it was still in force.
 */
export function inForceOn(instrument: Instrument, day: string): boolean {
  const { status } = instrument;
  if (!status || status === 'draft' || status === 'not_applicable') return false;
  const versions = versionsOf(instrument);
  const ended = status === 'repealed' || status === 'superseded';
  if (ended && versions.at(-1)?.inForceUntil === undefined) return false;
  return versionOn(versions, day) !== undefined;
}

/**
 * The version to cite on a day: the one in force then or, when none was, the last one that had taken effect (a
 * superseded instrument's final text) or else the first (a law not yet in force).
 */
export function versionToCite<V extends InstrumentVersion>(versions: V[], day: string): V {
  const started = versions.filter((version) => startOf(version) <= day);
  return versionOn(versions, day) ?? started.at(-1) ?? (versions[0] as V);
}

/** How a provision stands in a version, or undefined when it is not part of it (inserted later or repealed). */
export function provisionIn(provision: Provision, version: InstrumentVersion): ProvisionInVersion | undefined {
  if (!provision.versions) {
    // A provision of an instrument without recorded amendments is part of its original version only.
    if (version.amendedBy) return undefined;
    const { number, anchor, label, text, textMode } = provision;
    return { version: version.id, ...(number ? { number } : {}), anchor, label, text, textMode };
  }
  return provision.versions.find((placed) => placed.version === version.id);
}

/** The provisions of a version as they stand in it, in its order (by number, then as written). */
export function provisionsIn(
  provisions: Provision[],
  version: InstrumentVersion,
): { provision: Provision; placed: ProvisionInVersion }[] {
  return provisions
    .flatMap((provision) => {
      const placed = provisionIn(provision, version);
      return placed ? [{ provision, placed }] : [];
    })
    .sort(
      (a, b) =>
        Number.parseFloat(a.placed.number ?? 'NaN') - Number.parseFloat(b.placed.number ?? 'NaN') ||
        a.provision.ordinal - b.provision.ordinal,
    );
}

/** How a version is named: as enacted, or as amended by an instrument and in force from a day. */
export function versionWords(version: InstrumentVersion, amendedByLabel: string | undefined): string {
  if (!version.amendedBy) return 'as originally enacted';
  const adopted = version.adopted ? ` of ${version.adopted}` : '';
  const inForce = version.inForceFrom ? `, in force ${version.inForceFrom}` : '';
  return `as amended by ${amendedByLabel ?? version.amendedBy}${adopted}${inForce}`;
}

/**
 * How a version cited on a day is named: its words, and what the reader must know when it was not in force on that
 * day (not yet, or no longer, and what replaced it).
 */
export function citedVersionWords(
  version: InstrumentVersion,
  day: string,
  labels: { amendedBy?: string; supersededBy?: string },
): string {
  const words = versionWords(version, labels.amendedBy);
  if (day < startOf(version)) return `${words}, not yet in force on ${day}`;
  if (version.inForceUntil && version.inForceUntil <= day) {
    const successor = version.supersededBy ? `, superseded by ${labels.supersededBy ?? version.supersededBy}` : '';
    return `${words}, in force until ${version.inForceUntil}${successor}`;
  }
  return words;
}

/** A run of words of a word-level diff: in both texts, only in the later one, or only in the earlier one. */
export interface TextPart {
  change: 'same' | 'added' | 'removed';
  text: string;
}

/** One provision that differs between two versions. */
export interface ProvisionDifference {
  provision: Provision;
  /** How it stood in the earlier version; absent when the later one added it. */
  before?: ProvisionInVersion;
  /** How it stands in the later version; absent when it was repealed in between. */
  after?: ProvisionInVersion;
  renumbered: boolean;
  /** Its text differs, or the later version changed it without the corpus holding the new wording. */
  textChanged: boolean;
  /** The word-level diff, where both versions' texts are in the corpus and differ. */
  words?: TextPart[];
}

/**
 * Every provision that differs between two versions of one instrument: added, removed, renumbered or changed, in
 * the later version's order with the removed ones after (a lawyer reads the new text and then what went).
 */
export function diffVersions(
  provisions: Provision[],
  earlier: InstrumentVersion,
  later: InstrumentVersion,
): ProvisionDifference[] {
  const differences: ProvisionDifference[] = [];
  for (const provision of provisions) {
    const before = provisionIn(provision, earlier);
    const after = provisionIn(provision, later);
    if (!before && !after) continue;
    const renumbered = Boolean(before && after && before.number !== after.number);
    const textChanged = Boolean(before && after && before.text !== after.text);
    if (before && after && !renumbered && !textChanged) continue;
    // With the spaces as words of their own, each side's text is rebuilt exactly from its parts.
    const words =
      textChanged && before?.text !== undefined && after?.text !== undefined
        ? diffWordsWithSpace(before.text, after.text).map((part) => ({
            change: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
            text: part.value,
          }))
        : undefined;
    differences.push({
      provision,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      renumbered,
      textChanged,
      ...(words ? { words } : {}),
    });
  }
  const position = (difference: ProvisionDifference) =>
    difference.after ? Number.parseFloat(difference.after.number ?? 'NaN') : Number.POSITIVE_INFINITY;
  return differences.sort(
    (a, b) =>
      position(a) - position(b) ||
      Number.parseFloat(a.before?.number ?? 'NaN') - Number.parseFloat(b.before?.number ?? 'NaN') ||
      a.provision.ordinal - b.provision.ordinal,
  );
}
