/**
 * People, organizations and events: their names in every script, roles, quotes, documents, events, members
 * and parties, each linking on to its own page and each fact to its source.
 */
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { SourceLink } from '../components/SourceLink.js';
import { Empty, QueryState } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { countryName, formatDate, instrumentKindLabel, kindLabel, themeName } from '../lib/format.js';
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
  if (from && to) return i18next.t('entity.range', { from: formatDate(from), to: formatDate(to) });
  if (from) return i18next.t('entity.from', { date: formatDate(from) });
  if (to) return i18next.t('entity.until', { date: formatDate(to) });
  return '';
}

/** Every name the record knows, the main one first, each in its own script. */
function Names({ names }: { names: string[] }) {
  const { t } = useTranslation();
  const unique = [...new Set(names.filter(Boolean))];
  if (unique.length <= 1) return null;
  return (
    <>
      <dt>{t('entity.names')}</dt>
      <dd>
        <ul className="tags" aria-label={t('entity.namesLabel')}>
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
  const { t } = useTranslation();
  return (
    <>
      <dt>{t('entity.source')}</dt>
      <dd>
        {provenance.url ? (
          <SourceLink url={provenance.url} />
        ) : (
          <span className="muted">{t('entity.notAvailable')}</span>
        )}
        {provenance.checked && (
          <span className="muted">{t('entity.checked', { date: formatDate(provenance.checked) })}</span>
        )}
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
      <span className="relation">{instrumentKindLabel(document.instrumentKind)}</span>{' '}
      <Link to={instrumentPath(document.id)}>{document.title}</Link>
      {document.date && <span className="muted"> ({formatDate(document.date)})</span>}
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
          {event.date && <span className="muted"> ({formatDate(event.date)})</span>}
          <Source url={event.provenance.url} />
        </li>
      ))}
    </ul>
  );
}

function Header({ kind, id, title, children }: { kind: string; id: string; title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="eyebrow">
        {kindLabel(kind)}
        {children}
      </p>
      <h1>{title}</h1>
      <div className="actions">
        <Link to={graphPath(id)} className="button">
          {t('entity.showInGraph')}
        </Link>
        <Link to={href('/search', { q: title })} className="button">
          {t('entity.searchFor', { title })}
        </Link>
      </div>
    </>
  );
}

function EntityQuery<T>({
  query,
  id,
  field,
  children,
}: {
  query: string;
  id: string;
  field: 'person' | 'organization' | 'event';
  children: (entity: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery<Record<string, T | null>>({ query, variables: { id } });
  return (
    <QueryState
      result={result}
      retry={() => reexecute({ requestPolicy: 'network-only' })}
      what={t(`entity.loading.${field}`)}
    >
      {(data) =>
        data[field] ? (
          children(data[field] as T)
        ) : (
          <Empty>
            <Trans
              i18nKey={`entity.missing.${field}`}
              components={{ id: <code>{id}</code>, search: <Link to="/" /> }}
            />
          </Empty>
        )
      }
    </QueryState>
  );
}

export function PersonPage({ id }: { id: string }) {
  return (
    <EntityQuery<Person> query={PERSON} id={id} field="person">
      {(person) => <PersonView person={person} />}
    </EntityQuery>
  );
}

function PersonView({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <article className="entity person">
      <Header kind="Person" id={person.id} title={person.label} />
      {person.localName && <p className="title-local">{person.localName}</p>}
      <dl className="facts">
        <Names names={[person.label, ...(person.localName ? [person.localName] : []), ...person.aliases]} />
        <RecordSource provenance={person.provenance} />
      </dl>

      <Section id="roles" title={t('entity.roles')}>
        {person.roles.length === 0 ? (
          <Empty>{t('entity.noRoles')}</Empty>
        ) : (
          <ul className="related">
            {person.roles.map((role) => (
              <li key={`${role.organization.id}:${role.title}:${role.from}`}>
                <Trans
                  i18nKey="entity.roleAt"
                  components={{
                    role: <span>{role.title ?? t('entity.role')}</span>,
                    organization: <Link to={entityPath(role.organization.id)}>{role.organization.label}</Link>,
                  }}
                />
                {dates(role.from, role.to) && <span className="muted"> ({dates(role.from, role.to)})</span>}
                <Source url={role.source} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="quotes" title={t('entity.quotes', { count: person.quotes.length })}>
        {person.quotes.length === 0 ? (
          <Empty>{t('entity.noQuotes')}</Empty>
        ) : (
          person.quotes.map((quote) => (
            <blockquote key={quote.id} className="quote" lang={quote.language}>
              <p>{quote.text}</p>
              <footer>
                <Trans
                  i18nKey="entity.quoteIn"
                  components={{
                    instrument: <Link to={instrumentPath(quote.instrument.id)}>{quote.instrument.title}</Link>,
                  }}
                />
                {quote.instrument.date && ` (${formatDate(quote.instrument.date)})`}{' '}
                <TextModeBadge mode={quote.textMode} />
                <Source url={quote.provenance.url ?? quote.instrument.sourceUrl} />
              </footer>
            </blockquote>
          ))
        )}
      </Section>

      <Section id="documents" title={t('entity.documentsByPerson')}>
        {person.documents.length === 0 ? (
          <Empty>{t('entity.noDocumentsByPerson')}</Empty>
        ) : (
          <ul className="related">
            {person.documents.map((document) => (
              <DocumentItem key={document.id} document={document}>
                <span className="muted">
                  {' '}
                  —{' '}
                  {document.deliveredBy.some((by) => by.id === person.id)
                    ? t('entity.delivered')
                    : t('entity.authored')}
                </span>
                {document.presentedAt.map((event) => (
                  <span key={event.id}>
                    {' '}
                    <Trans
                      i18nKey="entity.atEvent"
                      components={{ event: <Link to={entityPath(event.id)}>{event.label}</Link> }}
                    />
                  </span>
                ))}
              </DocumentItem>
            ))}
          </ul>
        )}
      </Section>

      <Section id="events" title={t('entity.eventsAttended')}>
        <EventList events={person.events} empty={t('entity.noEventsAttended')} />
      </Section>
    </article>
  );
}

export function OrganizationPage({ id }: { id: string }) {
  return (
    <EntityQuery<Organization> query={ORGANIZATION} id={id} field="organization">
      {(organization) => <OrganizationView organization={organization} />}
    </EntityQuery>
  );
}

function OrganizationView({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  return (
    <article className="entity organization">
      <Header kind="Organization" id={organization.id} title={organization.label}>
        {organization.basedIn && (
          <>
            {' · '}
            <Link to={countryPath(organization.basedIn.code)}>{countryName(organization.basedIn)}</Link>
          </>
        )}
      </Header>
      <dl className="facts">
        <Names names={[organization.label, ...organization.aliases]} />
        {organization.url && (
          <>
            <dt>{t('entity.website')}</dt>
            <dd>
              <SourceLink url={organization.url} prefix="" />
            </dd>
          </>
        )}
        <RecordSource provenance={organization.provenance} />
      </dl>

      <Section id="people" title={t('entity.people')}>
        {organization.roles.length === 0 ? (
          <Empty>{t('entity.noPeople')}</Empty>
        ) : (
          <ul className="related">
            {organization.roles.map((role) => (
              <li key={`${role.person.id}:${role.title}:${role.from}`}>
                <Link to={entityPath(role.person.id)}>{role.person.label}</Link>
                {t('format.separator')}
                {role.title ?? t('entity.roleLower')}
                {dates(role.from, role.to) && <span className="muted"> ({dates(role.from, role.to)})</span>}
                <Source url={role.source} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      {(organization.members.length > 0 || organization.memberOf.length > 0) && (
        <Section id="members" title={t('entity.members')}>
          {organization.members.length > 0 && (
            <p>
              {t('entity.membersList')}{' '}
              {organization.members.map((member, index) => (
                <span key={member.id}>
                  {index > 0 && t('format.separator')}
                  <Link to={nodePath(member)}>{member.label}</Link>
                </span>
              ))}
              <Source url={organization.provenance.url} />
            </p>
          )}
          {organization.memberOf.length > 0 && (
            <p>
              {t('entity.memberOf')}{' '}
              {organization.memberOf.map((parent, index) => (
                <span key={parent.id}>
                  {index > 0 && t('format.separator')}
                  <Link to={entityPath(parent.id)}>{parent.label}</Link>
                </span>
              ))}
              <Source url={organization.provenance.url} />
            </p>
          )}
        </Section>
      )}

      {organization.partyTo.length > 0 && (
        <Section id="parties" title={t('entity.partyTo')}>
          <ul className="related">
            {organization.partyTo.map((party) => (
              <li key={party.instrument.id}>
                <Link to={instrumentPath(party.instrument.id)}>{party.instrument.title}</Link>
                {party.signed && (
                  <span className="muted">{t('entity.signed', { date: formatDate(party.signed) })}</span>
                )}
                {party.inForce && (
                  <span className="muted">{t('entity.inForce', { date: formatDate(party.inForce) })}</span>
                )}
                <Source url={party.source ?? party.instrument.sourceUrl} />
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="documents" title={t('entity.documentsByOrganization')}>
        {organization.documents.length === 0 ? (
          <Empty>{t('entity.noDocumentsByOrganization')}</Empty>
        ) : (
          <ul className="related">
            {organization.documents.map((document) => (
              <DocumentItem key={document.id} document={document} />
            ))}
          </ul>
        )}
      </Section>

      <Section id="events" title={t('entity.events')}>
        <EventList events={organization.events} empty={t('entity.noEvents')} />
      </Section>
    </article>
  );
}

export function EventPage({ id }: { id: string }) {
  return (
    <EntityQuery<EventData> query={EVENT} id={id} field="event">
      {(event) => <EventView event={event} />}
    </EntityQuery>
  );
}

function EventView({ event }: { event: EventData }) {
  const { t } = useTranslation();
  const when =
    event.endDate && event.endDate !== event.date ? dates(event.date, event.endDate) : formatDate(event.date);
  return (
    <article className="entity event">
      <Header kind="Event" id={event.id} title={event.label}>
        {event.country && (
          <>
            {' · '}
            <Link to={countryPath(event.country.code)}>{countryName(event.country)}</Link>
          </>
        )}
      </Header>
      <dl className="facts">
        <Names names={[event.label, ...event.aliases]} />
        <dt>{t('entity.date')}</dt>
        <dd>{when || <span className="muted">{t('entity.notStated')}</span>}</dd>
        <dt>{t('entity.place')}</dt>
        <dd>{event.place ?? <span className="muted">{t('entity.notStated')}</span>}</dd>
        {event.heldDuring && (
          <>
            <dt>{t('entity.heldDuring')}</dt>
            <dd>
              <Link to={entityPath(event.heldDuring.id)}>{event.heldDuring.label}</Link>
              {event.heldDuring.date && <span className="muted"> ({formatDate(event.heldDuring.date)})</span>}
            </dd>
          </>
        )}
        {event.theme && (
          <>
            <dt>{t('entity.theme')}</dt>
            <dd>
              “{event.theme.text}”<Source url={event.theme.source} />
            </dd>
          </>
        )}
        <RecordSource provenance={event.provenance} />
      </dl>

      {event.topics.length > 0 && (
        <Section id="topics" title={t('entity.topics')}>
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
        <ul className="tags" aria-label={t('entity.themes')}>
          {event.themes.map((theme) => (
            <li key={theme.id}>
              <Link to={href('/search', { q: theme.label, theme: [theme.id] })}>{themeName(theme)}</Link>
            </li>
          ))}
        </ul>
      )}

      <Section id="documents" title={t('entity.documentsPresented')}>
        {event.documents.length === 0 ? (
          <Empty>{t('entity.noDocumentsPresented')}</Empty>
        ) : (
          <ul className="related">
            {event.documents.map((document) => (
              <DocumentItem key={document.id} document={document}>
                {document.deliveredBy.length > 0 && t('entity.by')}
                {document.deliveredBy.map((person, index) => (
                  <span key={person.id}>
                    {index > 0 && t('format.separator')}
                    <Link to={entityPath(person.id)}>{person.label}</Link>
                  </span>
                ))}
              </DocumentItem>
            ))}
          </ul>
        )}
      </Section>

      {event.mentionedIn.length > 0 && (
        <Section id="reports" title={t('entity.reports')}>
          <ul className="related">
            {event.mentionedIn.map((document) => (
              <DocumentItem key={document.id} document={document}>
                {document.authors.length > 0 && t('entity.by')}
                {document.authors.map((author, index) => (
                  <span key={author.id}>
                    {index > 0 && t('format.separator')}
                    <Link to={entityPath(author.id)}>{author.label}</Link>
                  </span>
                ))}
              </DocumentItem>
            ))}
          </ul>
        </Section>
      )}

      <Section id="participants" title={t('entity.participants', { count: event.participants.length })}>
        {event.participants.length === 0 ? (
          <Empty>{t('entity.noParticipants')}</Empty>
        ) : (
          <p>
            {event.participants.map((participant, index) => (
              <span key={participant.id}>
                {index > 0 && t('format.separator')}
                <Link to={nodePath(participant)}>{participant.label}</Link>
                <span className="muted"> ({kindLabel(participant.kind).toLocaleLowerCase()})</span>
              </span>
            ))}
            <Source url={event.provenance.url} />
          </p>
        )}
      </Section>

      {event.subEvents.length > 0 && (
        <Section id="sub-events" title={t('entity.subEvents')}>
          <EventList events={event.subEvents} empty="" />
        </Section>
      )}
    </article>
  );
}
