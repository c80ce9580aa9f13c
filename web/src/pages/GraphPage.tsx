/** The graph explorer: start anywhere, expand on click, find the shortest connections between two entities.
 * Loaded lazily with cytoscape (canvas), so neither is in the initial bundle. */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { type Entity, EntityPicker } from '../components/EntityPicker.js';
import { ExportLinks } from '../components/ExportLinks.js';
import { ErrorState, Loading } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { formatDate, kindLabel, namesList, nodeName } from '../lib/format.js';
import { countryPath, href, instrumentPath, Link, navigate, useLocation } from '../lib/router.js';

export const kindStyles: Record<string, { color: string; shape: cytoscape.Css.NodeShape }> = {
  Country: { color: '#1f5f8b', shape: 'round-rectangle' },
  Organization: { color: '#6a4c93', shape: 'hexagon' },
  Person: { color: '#c0392b', shape: 'ellipse' },
  Event: { color: '#d35400', shape: 'diamond' },
  Instrument: { color: '#1e8449', shape: 'rectangle' },
  Provision: { color: '#7d9d3a', shape: 'round-rectangle' },
  Quote: { color: '#b7950b', shape: 'tag' },
  Theme: { color: '#5d6d7e', shape: 'triangle' },
};

const NEIGHBORHOOD = `query Neighborhood($id: ID!, $limit: Int) {
  neighborhood(id: $id, depth: 1, limit: $limit) { truncated nodes { id kind label } relationships { id type label from to sentence fromDate toDate signed inForce note source } }
}`;
const KINDS = `{ relationshipKinds { type label connectsByDefault } }`;
const CONNECTIONS = `query Connections($from: ID!, $to: ID!, $via: [RelationshipType!]) {
  connections(from: $from, to: $to, maxHops: 5, first: 5, via: $via) { length nodes { id kind label } relationships { id type label from to sentence fromDate toDate signed inForce note source } throughHubs steps { sentence } }
}`;
const DETAILS = `query Details($id: ID!) {
  node(id: $id) {
    id kind label provenance { document url checked }
    ... on Country { code }
    ... on Person { localName roles { title from to organization { id label } } }
    ... on Organization { aliases url basedIn { code label } }
    ... on Event { date endDate place }
    ... on Instrument { title titleLocal instrumentKind status date sourceUrl }
    ... on Provision { text textMode instrument { id title } anchor }
    ... on Quote { text textMode speaker { id label } instrument { id title } }
    ... on Theme { description }
  }
}`;

interface GraphNode {
  id: string;
  kind: string;
  label: string;
}
interface GraphEdge {
  id: string;
  type: string;
  label: string;
  from: string;
  to: string;
  sentence: string;
  fromDate: string | null;
  toDate: string | null;
  signed: string | null;
  inForce: string | null;
  note: string | null;
  source: string | null;
}
interface Path {
  length: number;
  nodes: GraphNode[];
  relationships: GraphEdge[];
  throughHubs: boolean;
  steps: { sentence: string }[];
}

/**
 * Hides the labels that would overlap another at this layout, keeping the selected node's and then the best
 * connected nodes' labels; a hidden label shows on hover and selection, and every name is in the side list.
 */
function declutter(cy: Core) {
  type Box = { x1: number; x2: number; y1: number; y2: number };
  const kept: Box[] = [];
  const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  cy.nodes().removeClass('quiet');
  const ordered = cy
    .nodes()
    .toArray()
    .sort((a, b) => Number(b.selected()) - Number(a.selected()) || b.degree(false) - a.degree(false));
  for (const node of ordered) {
    const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    if (kept.some((other) => overlaps(other, box))) node.addClass('quiet');
    else kept.push(box);
  }
}

const short = (label: string) => (label.length > 40 ? `${label.slice(0, 38)}…` : label);

export default function GraphPage() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { params } = useLocation();
  const focus = params.get('focus');
  const fromId = params.get('from');
  const toId = params.get('to');
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const known = useRef(new Map<string, GraphNode>());
  const knownEdges = useRef(new Map<string, GraphEdge>());
  const [selectedEdge, setSelectedEdge] = useState<GraphEdge | null>(null);
  // The relationship kinds in words; a search that finds nothing can be widened to all of them.
  const [kindsResult] = useQuery<{ relationshipKinds: { type: string; label: string; connectsByDefault: boolean }[] }>({
    query: KINDS,
  });
  const kinds = kindsResult.data?.relationshipKinds ?? [];
  const [widened, setWidened] = useState(false);
  const [nodeCount, setNodeCount] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [pickedFrom, setPickedFrom] = useState<Entity | null>(null);
  const [pickedTo, setPickedTo] = useState<Entity | null>(null);
  const [paths, setPaths] = useState<Path[] | null>(null);
  const [status, setStatus] = useState<{ busy?: string; error?: Error; retry?: () => void; note?: string }>({});

  function addElements(nodes: GraphNode[], edges: GraphEdge[]) {
    const cy = cyRef.current;
    if (!cy) return;
    const additions: ElementDefinition[] = [];
    for (const node of nodes) {
      known.current.set(node.id, node);
      if (cy.getElementById(node.id).empty())
        additions.push({ group: 'nodes', data: { id: node.id, label: short(nodeName(node)), kind: node.kind } });
    }
    for (const edge of edges) {
      knownEdges.current.set(edge.id, edge);
      if (cy.getElementById(edge.id).empty())
        additions.push({
          group: 'edges',
          data: { id: edge.id, source: edge.from, target: edge.to, type: edge.type, label: edge.label },
        });
    }
    if (additions.length === 0) return;
    cy.add(additions.filter((element) => element.group === 'nodes'));
    // Only edges whose two ends are on screen can be drawn.
    cy.add(
      additions.filter(
        (element) =>
          element.group === 'edges' &&
          !cy.getElementById(String(element.data.source)).empty() &&
          !cy.getElementById(String(element.data.target)).empty(),
      ),
    );
    cy.layout({ name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, randomize: false }).run();
    cy.fit(undefined, 30);
    declutter(cy);
    setNodeCount(cy.nodes().length);
  }

  async function expand(id: string) {
    setStatus({ busy: t('graph.loadingNeighbours') });
    const result = await client
      .query<{ neighborhood: { truncated: boolean; nodes: GraphNode[]; relationships: GraphEdge[] } }>(NEIGHBORHOOD, {
        id,
        limit: 60,
      })
      .toPromise();
    if (!result.data) {
      setStatus({ error: result.error ?? new Error(t('graph.noAnswer')), retry: () => void expand(id) });
      return;
    }
    addElements(result.data.neighborhood.nodes, result.data.neighborhood.relationships);
    setStatus(result.data.neighborhood.truncated ? { note: t('graph.firstNeighbours') } : {});
  }

  async function connect(from: string, to: string, via?: string[]) {
    setStatus({ busy: t('graph.findingConnections') });
    setPaths(null);
    setWidened(Boolean(via));
    const result = await client.query<{ connections: Path[] }>(CONNECTIONS, { from, to, via }).toPromise();
    if (!result.data) {
      setStatus({ error: result.error ?? new Error(t('graph.noAnswer')), retry: () => void connect(from, to, via) });
      return;
    }
    const found = result.data.connections;
    for (const path of found) addElements(path.nodes, path.relationships);
    const cy = cyRef.current;
    if (cy) {
      cy.elements().removeClass('path faded');
      if (found.length > 0) {
        const ids = new Set(
          found.flatMap((path) => [...path.nodes.map((n) => n.id), ...path.relationships.map((r) => r.id)]),
        );
        cy.elements().forEach((element) => {
          element.addClass(ids.has(element.id()) ? 'path' : 'faded');
        });
      }
    }
    setPaths(found);
    setStatus({});
  }

  // Create the renderer once; it lives as long as the page (expand reads it through a ref).
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per page
  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 11,
            'min-zoomed-font-size': 7,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'ellipsis',
            'text-max-width': '120px',
            color: '#1d2433',
            width: 20,
            height: 20,
            'border-width': 1,
            'border-color': '#ffffff',
          },
        },
        ...Object.entries(kindStyles).map(([kind, style]) => ({
          selector: `node[kind = "${kind}"]`,
          style: { 'background-color': style.color, shape: style.shape },
        })),
        {
          selector: 'edge',
          style: {
            width: 1.2,
            'line-color': '#b8c0cc',
            'target-arrow-color': '#b8c0cc',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            'arrow-scale': 0.7,
          },
        },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#111827' } },
        { selector: 'node.quiet', style: { 'text-opacity': 0 } },
        { selector: 'node.quiet:selected, node.quiet.hover', style: { 'text-opacity': 1, 'z-index': 30 } },
        // Only edges widen on a path: a node keeps its size, shape and colour, and gains a ring.
        {
          selector: 'edge.path',
          style: { 'line-color': '#e11d48', 'target-arrow-color': '#e11d48', width: 3, 'z-index': 10 },
        },
        {
          selector: 'edge.hover, edge.near, edge:selected',
          style: {
            label: 'data(label)',
            'font-size': 10,
            color: '#374151',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.9,
            'text-background-padding': '2px',
            'text-rotation': 'autorotate',
            'z-index': 20,
          },
        },
        { selector: 'edge:selected', style: { 'line-color': '#111827', 'target-arrow-color': '#111827', width: 3 } },
        { selector: 'node.path', style: { 'border-width': 3, 'border-color': '#e11d48', 'font-weight': 'bold' } },
        { selector: '.faded', style: { opacity: 0.25 } },
      ],
    });
    cy.on('tap', 'node', (event) => {
      const id = event.target.id() as string;
      setSelected(id);
      setSelectedEdge(null);
      cy.edges().removeClass('near');
      event.target.connectedEdges().addClass('near');
      void expand(id);
    });
    // An edge says what it is on hover, and opens its source and dates in the side panel on click.
    cy.on('mouseover', 'edge, node', (event) => event.target.addClass('hover'));
    cy.on('mouseout', 'edge, node', (event) => event.target.removeClass('hover'));
    cy.on('tap', 'edge', (event) => {
      setSelectedEdge(knownEdges.current.get(event.target.id() as string) ?? null);
    });
    cyRef.current = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  // The starting entity and the two ends of a connection come from the URL, so views can be shared.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run only when the URL's focus changes
  useEffect(() => {
    if (!focus) return;
    setSelected(focus);
    void expand(focus);
  }, [focus]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run only when the URL's ends change
  useEffect(() => {
    if (fromId && toId) void connect(fromId, toId);
  }, [fromId, toId]);

  // The canvas keeps the names it drew nodes with: a change of language renames its countries and themes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: nodeName reads the language; re-run when it changes
  useEffect(() => {
    cyRef.current?.nodes().forEach((element) => {
      const node = known.current.get(element.id());
      if (node) element.data('label', short(nodeName(node)));
    });
  }, [i18n.language]);

  const clear = () => {
    cyRef.current?.elements().remove();
    known.current.clear();
    setNodeCount(0);
    setPaths(null);
    setSelected(null);
    navigate('/graph', { replace: true });
  };

  const fromEntity =
    pickedFrom ?? (fromId ? (known.current.get(fromId) ?? { id: fromId, kind: '', label: fromId }) : null);
  const toEntity = pickedTo ?? (toId ? (known.current.get(toId) ?? { id: toId, kind: '', label: toId }) : null);

  return (
    <section className="graph-page">
      <h1>{t('graph.title')}</h1>
      <div className="graph-controls">
        <EntityPicker
          label={t('graph.startFrom')}
          value={focus ? (known.current.get(focus) ?? null) : null}
          onPick={(entity) =>
            navigate(href('/graph', { focus: entity.id, from: fromId ?? undefined, to: toId ?? undefined }))
          }
        />
        <form
          className="connect"
          onSubmit={(event) => {
            event.preventDefault();
            if (fromEntity && toEntity)
              navigate(href('/graph', { focus: focus ?? undefined, from: fromEntity.id, to: toEntity.id }));
          }}
        >
          <EntityPicker label={t('graph.connectFrom')} value={fromEntity} onPick={setPickedFrom} />
          <EntityPicker label={t('graph.connectTo')} value={toEntity} onPick={setPickedTo} />
          <button type="submit" className="primary" disabled={!fromEntity || !toEntity}>
            {t('graph.findConnections')}
          </button>
        </form>
      </div>

      <div className="graph-layout">
        <div className="graph-stage">
          <div
            ref={container}
            className="graph-canvas"
            role="img"
            aria-label={t('graph.canvas', { count: nodeCount })}
            data-node-count={nodeCount}
          />
          {nodeCount === 0 && !status.busy && !status.error && <p className="graph-hint">{t('graph.hint')}</p>}
          <div className="graph-status" role="status" aria-live="polite">
            {status.busy && <Loading what={status.busy} />}
            {status.note && <span className="muted small">{status.note}</span>}
          </div>
          {status.error && <ErrorState error={status.error} {...(status.retry ? { retry: status.retry } : {})} />}
          <Legend />
          {nodeCount > 0 && (
            <button type="button" className="link" onClick={clear}>
              {t('graph.clear')}
            </button>
          )}
        </div>
        <aside className="graph-panel" aria-label={t('graph.details')}>
          {selectedEdge && (
            <EdgeDetails
              edge={selectedEdge}
              label={(id) => {
                const node = known.current.get(id);
                return node ? nodeName(node) : id;
              }}
              onSelect={setSelected}
            />
          )}
          {paths && (
            <Paths
              paths={paths}
              onSelect={setSelected}
              kinds={kinds.filter((kind) => widened || kind.connectsByDefault).map((kind) => kind.label)}
              {...(!widened && fromId && toId && kinds.length > 0
                ? {
                    onWiden: () =>
                      void connect(
                        fromId,
                        toId,
                        kinds.map((kind) => kind.type),
                      ),
                  }
                : {})}
            />
          )}
          {paths && paths.length > 0 && fromId && toId && (
            <ExportLinks
              view="connections"
              params={{ from: fromId, to: toId, maxHops: 5 }}
              what={t('graph.theseConnections')}
            />
          )}
          {selected ? (
            <>
              <ExportLinks view="neighborhood" params={{ id: selected, limit: 60 }} what={t('graph.neighbourhood')} />
              <Details
                id={selected}
                onExpand={() => void expand(selected)}
                onSelect={(id) => {
                  setSelected(id);
                  cyRef.current?.elements().unselect();
                  cyRef.current?.getElementById(id).select();
                }}
              />
            </>
          ) : (
            <p className="muted">{t('graph.clickNode')}</p>
          )}
          {nodeCount > 0 && (
            <details className="node-list">
              <summary>{t('graph.onScreen', { count: nodeCount })}</summary>
              <ul>
                {[...known.current.values()]
                  .filter((node) => cyRef.current && !cyRef.current.getElementById(node.id).empty())
                  .map((node) => (
                    <li key={node.id}>
                      <button type="button" className="link" onClick={() => setSelected(node.id)}>
                        <span className={`swatch kind-${node.kind}`} aria-hidden="true" /> {nodeName(node)}
                      </button>{' '}
                      <button
                        type="button"
                        className="link small"
                        aria-label={t('graph.showNeighboursOf', { label: nodeName(node) })}
                        onClick={() => {
                          setSelected(node.id);
                          void expand(node.id);
                        }}
                      >
                        {t('graph.expand')}
                      </button>
                    </li>
                  ))}
              </ul>
            </details>
          )}
        </aside>
      </div>
    </section>
  );
}

function EdgeDetails({
  edge,
  label,
  onSelect,
}: {
  edge: GraphEdge;
  label: (id: string) => string;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const dates: string[] = [
    edge.fromDate ? t('graph.from', { date: formatDate(edge.fromDate) }) : '',
    edge.toDate ? t('graph.until', { date: formatDate(edge.toDate) }) : '',
    edge.signed ? t('graph.signed', { date: formatDate(edge.signed) }) : '',
    edge.inForce ? t('graph.inForce', { date: formatDate(edge.inForce) }) : '',
  ].filter((date) => date !== '');
  return (
    <section className="details edge-details" aria-label={t('graph.relationship')}>
      <p className="eyebrow">{t('graph.relationshipOf', { label: edge.label })}</p>
      <p>{edge.sentence}</p>
      <p className="small">
        <button type="button" className="link" onClick={() => onSelect(edge.from)}>
          {label(edge.from)}
        </button>{' '}
        → {edge.label} →{' '}
        <button type="button" className="link" onClick={() => onSelect(edge.to)}>
          {label(edge.to)}
        </button>
      </p>
      {dates.length > 0 && <p className="small">{namesList(dates)}</p>}
      {edge.note && <p className="small">{edge.note}</p>}
      <p className="small muted">
        {t('graph.source')}{' '}
        {edge.source ? (
          <a href={edge.source} target="_blank" rel="noreferrer noopener">
            {edge.source}
          </a>
        ) : (
          t('graph.noSource')
        )}
      </p>
    </section>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('graph.legend')}>
      {Object.keys(kindStyles).map((kind) => (
        <li key={kind}>
          <span className={`swatch kind-${kind}`} aria-hidden="true" /> {kindLabel(kind)}
        </li>
      ))}
    </ul>
  );
}

function Paths({
  paths,
  onSelect,
  kinds,
  onWiden,
}: {
  paths: Path[];
  onSelect: (id: string) => void;
  /** The relationship kinds followed, in words. */
  kinds: string[];
  onWiden?: () => void;
}) {
  const { t } = useTranslation();
  const followed = kinds.length > 0 && (
    <p className="small muted">{t('graph.following', { kinds: namesList(kinds) })}</p>
  );
  if (paths.length === 0)
    return (
      <section className="paths">
        <h2>{t('graph.connections')}</h2>
        <p>{t('graph.noConnection')}</p>
        {followed}
        {onWiden && (
          <button type="button" onClick={onWiden}>
            {t('graph.widen')}
          </button>
        )}
      </section>
    );
  return (
    <section className="paths">
      <h2>{t('graph.found', { count: paths.length })}</h2>
      {followed}
      {paths[0]?.throughHubs && <p className="small muted">{t('graph.throughHubs')}</p>}
      {paths.map((path) => (
        <div key={path.relationships.map((relationship) => relationship.id).join('|')}>
          <ol className="path">
            {path.nodes.map((node, index) => {
              const relationship = path.relationships[index];
              return (
                <li key={node.id}>
                  <button type="button" className="link" onClick={() => onSelect(node.id)}>
                    <span className={`swatch kind-${node.kind}`} aria-hidden="true" /> {nodeName(node)}
                  </button>
                  {relationship && (
                    <span className="relation" title={path.steps[index]?.sentence}>
                      {relationship.from === node.id ? '↓' : '↑'} {relationship.label}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
          <ul className="plain-list small path-sentences">
            {path.steps.map((step, index) => (
              <li key={path.relationships[index]?.id}>
                {step.sentence}{' '}
                {path.relationships[index]?.source && (
                  <a href={path.relationships[index]?.source ?? ''} target="_blank" rel="noreferrer noopener">
                    {t('graph.sourceLink')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

interface Details {
  id: string;
  kind: string;
  label: string;
  provenance: { document: string | null; url: string | null; checked: string | null };
  code?: string;
  localName?: string | null;
  roles?: {
    title: string | null;
    from: string | null;
    to: string | null;
    organization: { id: string; label: string };
  }[];
  aliases?: string[];
  url?: string | null;
  basedIn?: { code: string; label: string } | null;
  date?: string | null;
  endDate?: string | null;
  place?: string | null;
  title?: string;
  titleLocal?: string | null;
  instrumentKind?: string;
  status?: string | null;
  sourceUrl?: string | null;
  text?: string;
  textMode?: string;
  anchor?: string;
  instrument?: { id: string; title: string };
  speaker?: { id: string; label: string } | null;
  description?: string;
}

function Details({ id, onExpand, onSelect }: { id: string; onExpand: () => void; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery<{ node: Details | null }>({ query: DETAILS, variables: { id } });
  if (result.error && !result.data?.node)
    return <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const node = result.data?.node;
  if (!node) return <Loading what={t('graph.loadingDetails')} />;
  const kindStyle = kindStyles[node.kind];
  return (
    <section className="details">
      <p className="eyebrow">
        <span className={`swatch kind-${node.kind}`} aria-hidden="true" style={{ background: kindStyle?.color }} />{' '}
        {kindLabel(node.kind)}
      </p>
      <h2>{nodeName(node)}</h2>
      {node.localName && <p className="title-local">{node.localName}</p>}
      {node.titleLocal && <p className="title-local">{node.titleLocal}</p>}
      {node.description && <p>{node.description}</p>}
      {(node.date || node.place) && (
        <p>
          {formatDate(node.date)}
          {node.endDate && ` – ${formatDate(node.endDate)}`}
          {node.place && ` · ${node.place}`}
        </p>
      )}
      {node.roles && node.roles.length > 0 && (
        <ul className="plain-list small">
          {node.roles.map((role) => (
            <li key={`${role.organization.id}:${role.title}`}>
              {role.title ?? t('graph.role')}
              {t('format.separator')}
              <button type="button" className="link" onClick={() => onSelect(role.organization.id)}>
                {role.organization.label}
              </button>
              {(role.from || role.to) && ` (${formatDate(role.from) || '…'}–${formatDate(role.to) || '…'})`}
            </li>
          ))}
        </ul>
      )}
      {node.text && (
        <blockquote className="quote">
          <p>{node.text.length > 600 ? `${node.text.slice(0, 600)}…` : node.text}</p>
          <footer>
            {node.speaker && `${node.speaker.label} `}
            <TextModeBadge mode={node.textMode} />
          </footer>
        </blockquote>
      )}
      <p className="actions">
        <button type="button" onClick={onExpand}>
          {t('graph.showNeighbours')}
        </button>
        {node.kind === 'Instrument' && <Link to={instrumentPath(node.id)}>{t('graph.openInstrument')}</Link>}
        {node.instrument && (
          <Link to={instrumentPath(node.instrument.id, node.kind === 'Provision' ? node.anchor : undefined)}>
            {t('graph.openIn', { title: node.instrument.title })}
          </Link>
        )}
        {node.code && <Link to={countryPath(node.code)}>{t('graph.countryProfile')}</Link>}
      </p>
      {node.provenance.url && (
        <p className="small muted">
          {t('graph.source')}{' '}
          <a href={node.provenance.url} target="_blank" rel="noreferrer noopener">
            {node.provenance.url}
          </a>
          {node.provenance.checked && t('graph.checked', { date: formatDate(node.provenance.checked) })}
        </p>
      )}
    </section>
  );
}
