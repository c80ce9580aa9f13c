import { Trans, useTranslation } from 'react-i18next';
import { LanguageSwitch } from './components/LanguageSwitch.js';
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
  { path: '/', label: 'search' },
  { path: '/overview', label: 'overview' },
  { path: '/compare', label: 'compare' },
  { path: '/graph', label: 'graph' },
  { path: '/timeline', label: 'timeline' },
  { path: '/country', label: 'countries' },
] as const;

function Page({ path }: { path: string }) {
  const { t } = useTranslation();
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
      return <LazyPage load={loadGraphPage} what={t('app.loadingGraph')} />;
    case 'timeline':
      return <TimelinePage />;
    default:
      return (
        <section>
          <h1>{t('app.notFound')}</h1>
          <p>
            <Trans i18nKey="app.notFoundText" components={{ path: <code>{path}</code>, start: <Link to="/" /> }} />
          </p>
        </section>
      );
  }
}

export function App() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const current = `/${path.split('/')[1] ?? ''}`;
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="site">
        <Link to="/" className="brand">
          {t('app.brand')}
        </Link>
        <nav aria-label={t('app.sections')}>
          {sections.map((section) => (
            <Link
              key={section.path}
              to={section.path}
              aria-current={
                section.path === current || (section.path === '/' && current === '/search') ? 'page' : undefined
              }
            >
              {t(`app.nav.${section.label}`)}
            </Link>
          ))}
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={path} />
      </main>
      <footer className="site">
        <Trans i18nKey="app.footer" components={{ em: <em /> }} />
      </footer>
    </>
  );
}
