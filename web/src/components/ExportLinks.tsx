import { useTranslation } from 'react-i18next';
import { href } from '../lib/router.js';

/** The formats the server's /export/<view>.<format> URLs write, as a researcher would name them. */
const formats = ['json', 'nodes.csv', 'edges.csv', 'gexf', 'graphml'] as const;

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
  const { t } = useTranslation();
  const names: Record<(typeof formats)[number], string> = {
    json: 'JSON',
    'nodes.csv': t('exports.nodesCsv'),
    'edges.csv': t('exports.edgesCsv'),
    gexf: 'GEXF (Gephi)',
    graphml: 'GraphML (Cytoscape)',
  };
  return (
    <p className="export-links small">
      <span className="muted">{t('exports.download', { what })}</span>{' '}
      {formats.map((format, index) => (
        <span key={format}>
          {index > 0 && ' · '}
          <a href={href(`/export/${view}.${format}`, params)} download>
            {names[format]}
          </a>
        </span>
      ))}
    </p>
  );
}
