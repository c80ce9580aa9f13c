/**
 * Relationships in plain words: the label of each kind (what the graph draws on an edge) and the sentence that
 * states one relationship (what a path says at each step), e.g. "Lu Wei was Director (Minister) of the Cyberspace
 * Administration of China." A sentence always states the fact in its own direction, whichever way a path runs.
 */
import type { GraphNode, Relationship, RelationshipType } from '../../ingest/model.js';

/** Each kind of relationship as a phrase read from its start to its end: "Lu Wei — held a role at — CAC". */
export const relationshipWords: Record<RelationshipType, string> = {
  ENACTED: 'enacted',
  PARTY_TO: 'is party to',
  MEMBER_OF: 'is a member of',
  AMENDS: 'amends',
  IMPLEMENTS: 'implements',
  SUPERSEDES: 'supersedes',
  REFERENCES: 'refers to',
  MODELED_ON: 'was modelled on',
  PART_OF: 'is part of',
  ADDRESSES: 'addresses',
  MENTIONS: 'mentions',
  DELIVERED: 'delivered',
  AUTHORED: 'wrote',
  PRESENTED_AT: 'was presented at',
  HELD_DURING: 'was held during',
  PARTICIPATED_IN: 'took part in',
  HELD_ROLE: 'held a role at',
  BASED_IN: 'is based in',
  SAID: 'said',
};

/** How long a quotation may run inside a sentence before it is cut. */
const QUOTE_IN_SENTENCE = 70;

const excerpt = (text: string) =>
  text.length > QUOTE_IN_SENTENCE ? `${text.slice(0, QUOTE_IN_SENTENCE - 1).trimEnd()}…` : text;

/** A node named as a sentence reads it: a quotation in quotes, a provision with its instrument. */
export function nameOf(node: GraphNode | undefined, nodeOf: (id: string) => GraphNode | undefined): string {
  if (!node) return 'an entity not in the graph';
  if (node.kind === 'Quote') return `“${excerpt(node.text)}”`;
  if (node.kind === 'Provision') {
    const instrument = nodeOf(node.instrument);
    return instrument ? `${node.label} of ${instrument.label}` : node.label;
  }
  if (node.kind === 'Theme') return `the theme “${node.label}”`;
  return node.label;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "from 2013 to 2016", "from 2013", "until 2016", or nothing. */
function period(from: string | undefined, to: string | undefined): string {
  if (from && to) return ` from ${from} to ${to}`;
  if (from) return ` from ${from}`;
  if (to) return ` until ${to}`;
  return '';
}

/** " (2014-09-18)" after an instrument or event, unless its name already holds the year. */
const dated = (node: GraphNode | undefined) =>
  node &&
  (node.kind === 'Instrument' || node.kind === 'Event') &&
  node.date &&
  !node.label.includes(node.date.slice(0, 4))
    ? ` (${node.date})`
    : '';

/** One relationship as a sentence, its two ends named by `nodeOf` (which also names a provision's instrument). */
export function describeRelationship(
  relationship: Relationship,
  nodeOf: (id: string) => GraphNode | undefined,
): string {
  const start = nodeOf(relationship.from);
  const end = nodeOf(relationship.to);
  const subject = nameOf(start, nodeOf);
  const object = nameOf(end, nodeOf);
  const { title, from, to, signed, inForce, note } = relationship.properties;
  const sentence = (() => {
    switch (relationship.type) {
      case 'HELD_ROLE':
        return `${subject} ${title ? `was ${title} of` : 'held a role at'} ${object}${period(from, to)}`;
      case 'BASED_IN':
        if (start?.kind === 'Organization') return `${subject} is an organisation of ${object}`;
        if (start?.kind === 'Event') return `${subject} was held in ${object}`;
        return `${subject} is from ${object}`;
      case 'PARTY_TO': {
        const dates = [signed && `signed ${signed}`, inForce && `in force ${inForce}`].filter(Boolean).join(', ');
        return `${subject} is party to ${object}${dates ? ` (${dates})` : ''}`;
      }
      case 'PART_OF':
        // A provision is named here without its instrument, which is the object.
        return start?.kind === 'Quote' ? `${subject} appears in ${object}` : `${start?.label} is part of ${object}`;
      case 'SAID':
        return `${subject} said ${object}`;
      case 'ENACTED':
      case 'DELIVERED':
      case 'AUTHORED':
      case 'PARTICIPATED_IN':
      case 'PRESENTED_AT':
      case 'HELD_DURING':
        return `${subject} ${relationshipWords[relationship.type]} ${object}${dated(end)}`;
      default:
        return `${subject} ${relationshipWords[relationship.type]} ${object}`;
    }
  })();
  return `${capitalised(sentence)}${note ? ` (${note.replace(/\.$/, '')})` : ''}.`;
}
