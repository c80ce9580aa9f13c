/**
 * People, organizations and events: their names in every script, roles, quotes, documents, events, members
 * and parties, each linking on to its own page and each fact to its source.
 */
import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { SourceLink } from '../components/SourceLink.js';
import { Empty, QueryState } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { capitalise } from '../lib/format.js';
import { countryPath, entityPath, graphPath, href, instrumentPath, Link } from '../lib/router.js';

interface Named {
  id: string;
  label: string;
}
interface Provenance {
  url: string | null;
  checked: string | null;
}
interface Document {
  id: string;
  title: string;
  date: string | null;
  instrumentKind: string;
  sourceUrl: string | null;
}
interface EventRef extends Named {
  date: string | null;
  provenance: Provenance;
}
interface NodeRef extends Named {
  kind: string;
  code?: string;
}

const DOCUMENT = 'id title date instrumentKind sourceUrl';
const EVENT_REF = 'id label date provenance { url checked }';

const PERSON = `query Person($id: ID!) {
  person(id: $id) {
    id label localName aliases provenance { url checked }
    roles { title from to source organization { id label } }
    quotes { id text textMode language provenance { url } instrument { ${DOCUMENT} } }
    documents { ${DOCUMENT} deliveredBy { id } presentedAt { id label } }
    events { ${EVENT_REF} }
  }
}`;

const ORGANIZATION = `query Organization($id: ID!) {
  organization(id: $id) {
    id label aliases url provenance { url checked }
    basedIn { code label }
    roles { title from to source person { id label } }
    members { id kind label ... on Country { code } }
    memberOf { id label }
    documents { ${DOCUMENT} }
    partyTo { instrument { ${DOCUMENT} } signed inForce source }
    events { ${EVENT_REF} }
  }
}`;

const EVENT = `query Event($id: ID!) {
  event(id: $id) {
    id label aliases date endDate place provenance { url checked }
    country { code label }
    heldDuring { ${EVENT_REF} }
    subEvents { ${EVENT_REF} }
    themes { id label }
    theme { text source }
    topics { text source }
    participants { id kind label ... on Country { code } }
    documents { ${DOCUMENT} deliveredBy { id label } }
    mentionedIn { ${DOCUMENT} authors { id label } }
  }
}`;

interface Role {
  title: string | null;
  from: string | null;
  to: string | null;
  source: string | null;
}
interface Person extends Named {
  localName: string | null;
  aliases: string[];
  provenance: Provenance;
  roles: (Role & { organization: Named })[];
  quotes: {
    id: string;
    text: string;
    textMode: string;
    language: string;
    provenance: { url: string | null };
    instrument: Document;
  }[];
  documents: (Document & { deliveredBy: { id: string }[]; presentedAt: Named[] })[];
  events: EventRef[];
}
interface Organization extends Named {
  aliases: string[];
  url: string | null;
  provenance: Provenance;
  basedIn: { code: string; label: string } | null;
  roles: (Role & { person: Named })[];
  members: NodeRef[];
  memberOf: Named[];
  documents: Document[];
  partyTo: { instrument: Document; signed: string | null; inForce: string | null; source: string | null }[];
  events: EventRef[];
}
interface EventData extends Named {
  aliases: string[];
  date: string | null;
  endDate: string | null;
  place: string | null;
  provenance: Provenance;
  country: { code: string; label: string } | null;
  heldDuring: EventRef | null;
  subEvents: EventRef[];
  themes: Named[];
  theme: { text: string; source: string } | null;
  topics: { text: string; source: string }[];
  participants: NodeRef[];
  documents: (Document & { deliveredBy: Named[] })[];
  mentionedIn: (Document & { authors: Named[] })[];
}

/** A node's own page: a country by its code, everything else by its id. */
const nodePath = (node: NodeRef) => (node.code ? countryPath(node.code) : entityPath(node.id));

function Source({ url }: { url: string | null | undefined }) {
  return url ? (
    <>
      {' '}
      <SourceLink url={url} />
    </>
  ) : null;
}

function dates(from: string | null, to: string | null): string {
  if (from && to) return `${from} – ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return '';
}

/** Every name the record knows, the main one first, each in its own script. */
function Names({ names }: { names: string[] }) {
  const unique = [...new Set(names.filter(Boolean))];
  if (unique.length <= 1) return null;
  return (
    <>
      <dt>Names</dt>
      <dd>
        <ul className="tags" aria-label="Names in every script">
          {unique.map((name, index) => (
            <li key={name}>
              {index > 0 && <span aria-hidden="true">· </span>}
              {name}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

function RecordSource({ provenance }: { provenance: Provenance }) {
  return (
    <>
      <dt>Source</dt>
      <dd>
        {provenance.url ? <SourceLink url={provenance.url} /> : <span className="muted">not available</span>}
        {provenance.checked && <span className="muted"> (checked {provenance.checked})</span>}
      </dd>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

function DocumentItem({ document, children }: { document: Document; children?: ReactNode }) {
  return (
    <li>
      <span className="relation">{capitalise(document.instrumentKind)}</span>{' '}
      <Link to={instrumentPath(document.id)}>{document.title}</Link>
      {document.date && <span className="muted"> ({document.date})</span>}
      {children}
      <Source url={document.sourceUrl} />
    </li>
  );
}

function EventList({ events, empty }: { events: EventRef[]; empty: string }) {
  if (events.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul className="related">
      {events.map((event) => (
        <li key={event.id}>
          <Link to={entityPath(event.id)}>{event.label}</Link>
          {event.date && <span className="muted"> ({event.date})</span>}
          <Source url={event.provenance.url} />
        </li>
      ))}
    </ul>
  );
}

function Header({ kind, id, title, children }: { kind: string; id: string; title: string; children?: ReactNode }) {
  return (
    <>
      <p className="eyebrow">
        {kind}
        {children}
      </p>
      <h1>{title}</h1>
      <div className="actions">
        <Link to={graphPath(id)} className="button">
          Show in graph
        </Link>
        <Link to={href('/search', { q: title })} className="button">
          Search for {title}
        </Link>
      </div>
    </>
  );
}

function EntityQuery<T>({
  query,
  id,
  field,
  what,
  children,
}: {
  query: string;
  id: string;
  field: string;
  what: string;
  children: (entity: T) => ReactNode;
}) {
  const [result, reexecute] = useQuery<Record<string, T | null>>({ query, variables: { id } });
  return (
    <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })} what={`Loading the ${what}`}>
      {(data) =>
        data[field] ? (
          children(data[field] as T)
        ) : (
          <Empty>
            No {what} has the id <code>{id}</code>. <Link to="/">Search for it</Link>.
          </Empty>
        )
      }
    </QueryState>
  );
}

export function PersonPage({ id }: { id: string }) {
  return (
    <EntityQuery<Person> query={PERSON} id={id} field="person" what="person">
      {(person) => <PersonView person={person} />}
    </EntityQuery>
  );
}

function PersonView({ person }: { person: Person }) {
  return (
    <article className="entity person">
      <Header kind="Person" id={person.id} title={person.label} />
      {person.localName && <p className="title-local">{person.localName}</p>}
      <dl className="facts">
        <Names names={[person.label, ...(person.localName ? [person.localName] : []), ...person.aliases]} />
        <RecordSource provenance={person.provenance} />
      </dl>

      <Section id="roles" title="Roles">
        {person.roles.length === 0 ? (
          <Empty>No role is recorded.</Empty>
        ) : (
          <ul className="related">
            {person.roles.map((role) => (
              <li key={`${role.organization.id}:${role.title}:${role.from}`}>
                {role.title ?? 'Role'} at <Link to={entityPath(role.organization.id)}>{role.organization.label}</Link>
                {dates(role.from, role.to) && <span className="muted"> ({dates(role.from, role.to)})</span>}
                <Source url={role.source} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="quotes" title={`Quotes (${person.quotes.length})`}>
        {person.quotes.length === 0 ? (
          <Empty>No quotation of this person is recorded.</Empty>
        ) : (
          person.quotes.map((quote) => (
            <blockquote key={quote.id} className="quote" lang={quote.language}>
              <p>{quote.text}</p>
              <footer>
                in <Link to={instrumentPath(quote.instrument.id)}>{quote.instrument.title}</Link>
                {quote.instrument.date && ` (${quote.instrument.date})`} <TextModeBadge mode={quote.textMode} />
                <Source url={quote.provenance.url ?? quote.instrument.sourceUrl} />
              </footer>
            </blockquote>
          ))
        )}
      </Section>

      <Section id="documents" title="Documents delivered or authored">
        {person.documents.length === 0 ? (
          <Empty>No speech, letter or article by this person is recorded.</Empty>
        ) : (
          <ul className="related">
            {person.documents.map((document) => (
              <DocumentItem key={document.id} document={document}>
                <span className="muted">
                  {' '}
                  — {document.deliveredBy.some((by) => by.id === person.id) ? 'delivered' : 'authored'}
                </span>
                {document.presentedAt.map((event) => (
                  <span key={event.id}>
                    {' '}
                    at <Link to={entityPath(event.id)}>{event.label}</Link>
                  </span>
                ))}
              </DocumentItem>
            ))}
          </ul>
        )}
      </Section>

      <Section id="events" title="Events attended">
        <EventList events={person.events} empty="No event attended is recorded." />
      </Section>
    </article>
  );
}

export function OrganizationPage({ id }: { id: string }) {
  return (
    <EntityQuery<Organization> query={ORGANIZATION} id={id} field="organization" what="organization">
      {(organization) => <OrganizationView organization={organization} />}
    </EntityQuery>
  );
}

function OrganizationView({ organization }: { organization: Organization }) {
  return (
    <article className="entity organization">
      <Header kind="Organization" id={organization.id} title={organization.label}>
        {organization.basedIn && (
          <>
            {' · '}
            <Link to={countryPath(organization.basedIn.code)}>{organization.basedIn.label}</Link>
          </>
        )}
      </Header>
      <dl className="facts">
        <Names names={[organization.label, ...organization.aliases]} />
        {organization.url && (
          <>
            <dt>Website</dt>
            <dd>
              <SourceLink url={organization.url} prefix="" />
            </dd>
          </>
        )}
        <RecordSource provenance={organization.provenance} />
      </dl>

      <Section id="people" title="People and their roles">
        {organization.roles.length === 0 ? (
          <Empty>No role in this organization is recorded.</Empty>
        ) : (
          <ul className="related">
            {organization.roles.map((role) => (
              <li key={`${role.person.id}:${role.title}:${role.from}`}>
                <Link to={entityPath(role.person.id)}>{role.person.label}</Link>, {role.title ?? 'role'}
                {dates(role.from, role.to) && <span className="muted"> ({dates(role.from, role.to)})</span>}
                <Source url={role.source} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      {(organization.members.length > 0 || organization.memberOf.length > 0) && (
        <Section id="members" title="Members and memberships">
          {organization.members.length > 0 && (
            <p>
              Members:{' '}
              {organization.members.map((member, index) => (
                <span key={member.id}>
                  {index > 0 && ', '}
                  <Link to={nodePath(member)}>{member.label}</Link>
                </span>
              ))}
              <Source url={organization.provenance.url} />
            </p>
          )}
          {organization.memberOf.length > 0 && (
            <p>
              Member of{' '}
              {organization.memberOf.map((parent, index) => (
                <span key={parent.id}>
                  {index > 0 && ', '}
                  <Link to={entityPath(parent.id)}>{parent.label}</Link>
                </span>
              ))}
              <Source url={organization.provenance.url} />
            </p>
          )}
        </Section>
      )}

      {organization.partyTo.length > 0 && (
        <Section id="parties" title="Party to">
          <ul className="related">
            {organization.partyTo.map((party) => (
              <li key={party.instrument.id}>
                <Link to={instrumentPath(party.instrument.id)}>{party.instrument.title}</Link>
                {party.signed && <span className="muted"> (signed {party.signed})</span>}
                {party.inForce && <span className="muted"> (in force {party.inForce})</span>}
                <Source url={party.source ?? party.instrument.sourceUrl} />
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="documents" title="Documents enacted or authored">
        {organization.documents.length === 0 ? (
          <Empty>No document of this organization is recorded.</Empty>
        ) : (
          <ul className="related">
            {organization.documents.map((document) => (
              <DocumentItem key={document.id} document={document} />
            ))}
          </ul>
        )}
      </Section>

      <Section id="events" title="Events">
        <EventList events={organization.events} empty="No event this organization took part in is recorded." />
      </Section>
    </article>
  );
}

export function EventPage({ id }: { id: string }) {
  return (
    <EntityQuery<EventData> query={EVENT} id={id} field="event" what="event">
      {(event) => <EventView event={event} />}
    </EntityQuery>
  );
}

function EventView({ event }: { event: EventData }) {
  const when = event.endDate && event.endDate !== event.date ? `${event.date} – ${event.endDate}` : event.date;
  return (
    <article className="entity event">
      <Header kind="Event" id={event.id} title={event.label}>
        {event.country && (
          <>
            {' · '}
            <Link to={countryPath(event.country.code)}>{event.country.label}</Link>
          </>
        )}
      </Header>
      <dl className="facts">
        <Names names={[event.label, ...event.aliases]} />
        <dt>Date</dt>
        <dd>{when ?? <span className="muted">not stated</span>}</dd>
        <dt>Place</dt>
        <dd>{event.place ?? <span className="muted">not stated</span>}</dd>
        {event.heldDuring && (
          <>
            <dt>Held during</dt>
            <dd>
              <Link to={entityPath(event.heldDuring.id)}>{event.heldDuring.label}</Link>
              {event.heldDuring.date && <span className="muted"> ({event.heldDuring.date})</span>}
            </dd>
          </>
        )}
        {event.theme && (
          <>
            <dt>Theme</dt>
            <dd>
              “{event.theme.text}”<Source url={event.theme.source} />
            </dd>
          </>
        )}
        <RecordSource provenance={event.provenance} />
      </dl>

      {event.topics.length > 0 && (
        <Section id="topics" title="Topics">
          <ul className="related">
            {event.topics.map((topic) => (
              <li key={topic.text}>
                {topic.text}
                <Source url={topic.source} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      {event.themes.length > 0 && (
        <ul className="tags" aria-label="Themes">
          {event.themes.map((theme) => (
            <li key={theme.id}>
              <Link to={href('/search', { q: theme.label, theme: [theme.id] })}>{theme.label}</Link>
            </li>
          ))}
        </ul>
      )}

      <Section id="documents" title="Documents presented">
        {event.documents.length === 0 ? (
          <Empty>No speech, letter or statement presented at this event is recorded.</Empty>
        ) : (
          <ul className="related">
            {event.documents.map((document) => (
              <DocumentItem key={document.id} document={document}>
                {document.deliveredBy.length > 0 && ' by '}
                {document.deliveredBy.map((person, index) => (
                  <span key={person.id}>
                    {index > 0 && ', '}
                    <Link to={entityPath(person.id)}>{person.label}</Link>
                  </span>
                ))}
              </DocumentItem>
            ))}
          </ul>
        )}
      </Section>

      {event.mentionedIn.length > 0 && (
        <Section id="reports" title="Reports and articles about it">
          <ul className="related">
            {event.mentionedIn.map((document) => (
              <DocumentItem key={document.id} document={document}>
                {document.authors.length > 0 && ' by '}
                {document.authors.map((author, index) => (
                  <span key={author.id}>
                    {index > 0 && ', '}
                    <Link to={entityPath(author.id)}>{author.label}</Link>
                  </span>
                ))}
              </DocumentItem>
            ))}
          </ul>
        </Section>
      )}

      <Section id="participants" title={`Participants (${event.participants.length})`}>
        {event.participants.length === 0 ? (
          <Empty>No participant is recorded.</Empty>
        ) : (
          <p>
            {event.participants.map((participant, index) => (
              <span key={participant.id}>
                {index > 0 && ', '}
                <Link to={nodePath(participant)}>{participant.label}</Link>
                <span className="muted"> ({participant.kind.toLowerCase()})</span>
              </span>
            ))}
            <Source url={event.provenance.url} />
          </p>
        )}
      </Section>

      {event.subEvents.length > 0 && (
        <Section id="sub-events" title="Sub-events">
          <EventList events={event.subEvents} empty="" />
        </Section>
      )}
    </article>
  );
}
