import { LazyPage } from './components/LoadBoundary.js';
import { Link, useLocation } from './lib/router.js';
import { ComparePage } from './pages/ComparePage.js';
import { CountryPage } from './pages/CountryPage.js';
import { EventPage, OrganizationPage, PersonPage } from './pages/EntityPages.js';
import { InstrumentPage } from './pages/InstrumentPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { SearchPage } from './pages/SearchPage.js';
import { TimelinePage } from './pages/TimelinePage.js';

// The graph explorer pulls in the canvas renderer: loaded only when someone opens it.
const loadGraphPage = () => import('./pages/GraphPage.js');

const sections = [
  { path: '/', label: 'Search' },
  { path: '/overview', label: 'Overview' },
  { path: '/compare', label: 'Compare' },
  { path: '/graph', label: 'Graph' },
  { path: '/timeline', label: 'Timeline' },
  { path: '/country', label: 'Countries' },
];

function Page({ path }: { path: string }) {
  const [, section = '', rest = ''] = path.split('/');
  switch (section) {
    case '':
    case 'search':
      return <SearchPage />;
    case 'instrument':
      return <InstrumentPage id={`instrument:${decodeURIComponent(rest)}`} />;
    case 'country':
      return <CountryPage code={decodeURIComponent(rest).toUpperCase()} />;
    case 'person':
      return <PersonPage id={`person:${decodeURIComponent(rest)}`} />;
    case 'organization':
      return <OrganizationPage id={`org:${decodeURIComponent(rest)}`} />;
    case 'event':
      return <EventPage id={`event:${decodeURIComponent(rest)}`} />;
    case 'overview':
      return <OverviewPage />;
    case 'compare':
      return <ComparePage />;
    case 'graph':
      return <LazyPage load={loadGraphPage} what="Loading the graph explorer" />;
    case 'timeline':
      return <TimelinePage />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{path}</code>. <Link to="/">Start a search</Link>.
          </p>
        </section>
      );
  }
}

export function App() {
  const { path } = useLocation();
  const current = `/${path.split('/')[1] ?? ''}`;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="site">
        <Link to="/" className="brand">
          China–ASEAN Cyber Policy
        </Link>
        <nav aria-label="Sections">
          {sections.map((section) => (
            <Link
              key={section.path}
              to={section.path}
              aria-current={
                section.path === current || (section.path === '/' && current === '/search') ? 'page' : undefined
              }
            >
              {section.label}
            </Link>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={path} />
      </main>
      <footer className="site">
        Every fact links to its source. Text is marked as <em>quotation</em> (official wording), <em>paraphrase</em>{' '}
        (our words) or <em>original</em> (the published text).
      </footer>
    </>
  );
}
