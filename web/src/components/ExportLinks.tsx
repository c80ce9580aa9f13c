import { href } from '../lib/router.js';

/** The formats the server's /export/<view>.<format> URLs write, as a researcher would name them. */
const formats = [
  ['json', 'JSON'],
  ['nodes.csv', 'nodes CSV'],
  ['edges.csv', 'edges CSV'],
  ['gexf', 'GEXF (Gephi)'],
  ['graphml', 'GraphML (Cytoscape)'],
] as const;

/**
 * Download links for what is on screen: a neighbourhood, the connections between two entities or a search's
 * results. The server answers each by running the same query, so the file holds what the page shows, with every
 * node's and relationship's source.
 */
export function ExportLinks({
  view,
  params,
  what,
}: {
  view: 'neighborhood' | 'connections' | 'search';
  params: Record<string, string | number | string[] | undefined>;
  what: string;
}) {
  return (
    <p className="export-links small">
      <span className="muted">Download {what}:</span>{' '}
      {formats.map(([format, label], index) => (
        <span key={format}>
          {index > 0 && ' · '}
          <a href={href(`/export/${view}.${format}`, params)} download>
            {label}
          </a>
        </span>
      ))}
    </p>
  );
}
