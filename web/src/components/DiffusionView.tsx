/**
 * How a theme spread: the countries in the order they adopted an instrument on it, each on a year axis with the
 * instrument named and linked, then those that have not yet (drafts only, nothing dedicated, nothing dated).
 */
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { countryName, formatDate, themeName, yearOf, yearsSpan } from '../lib/format.js';
import { instrumentPath, Link } from '../lib/router.js';
import { type ThemeItem, themeChecks } from '../lib/vocabulary.js';
import { InstrumentLinks } from './InstrumentLinks.js';
import { QueryState } from './States.js';

const DIFFUSION = `query Diffusion($theme: ID!) {
  diffusion(theme: $theme) {
    theme { id label }
    adopters {
      country { code label } date yearsAfterFirst regional
      instrument { id title } later { id title }
    }
    notYet { country { code label } judgement instruments { id title } }
  }
}`;

interface Named {
  id: string;
  title: string;
}
interface DiffusionData {
  diffusion: {
    theme: { id: string; label: string };
    adopters: {
      country: { code: string; label: string };
      date: string;
      yearsAfterFirst: number;
      regional: boolean;
      instrument: Named;
      later: Named[];
    }[];
    notYet: {
      country: { code: string; label: string };
      judgement: 'instrument' | 'draft_only' | 'no_instrument';
      instruments: Named[];
    }[];
  };
}

export function DiffusionView({
  themes,
  theme,
  onTheme,
}: {
  themes: ThemeItem[];
  theme: string;
  onTheme: (theme: string) => void;
}) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery<DiffusionData>({ query: DIFFUSION, variables: { theme } });
  return (
    <section className="diffusion" aria-labelledby="diffusion-heading">
      <h2 id="diffusion-heading">{t('diffusion.title')}</h2>
      <p className="muted">{t('diffusion.lede')}</p>
      <label className="diffusion-theme">
        <span>{t('diffusion.theme')}</span>
        <select value={theme} onChange={(event) => onTheme(event.target.value)}>
          {themeChecks(themes).map((item) => (
            <option key={item.value} value={item.value}>
              {item.depth ? `\u2003${item.label}` : item.label}
            </option>
          ))}
        </select>
      </label>
      <QueryState
        result={result}
        retry={() => reexecute({ requestPolicy: 'network-only' })}
        what={t('diffusion.loading')}
      >
        {(data) => <DiffusionChart diffusion={data.diffusion} />}
      </QueryState>
    </section>
  );
}

function DiffusionChart({ diffusion }: { diffusion: DiffusionData['diffusion'] }) {
  const { t } = useTranslation();
  const { adopters, notYet } = diffusion;
  const years = adopters.flatMap((adopter) => yearOf(adopter.date) ?? []);
  const [first, last] = years.length > 0 ? yearsSpan(years) : [0, 1];
  const at = (date: string) => `${(100 * ((yearOf(date) ?? first) - first)) / (last - first)}%`;
  return (
    <>
      {adopters.length === 0 ? (
        <p>{t('diffusion.nobody')}</p>
      ) : (
        <figure className="diffusion-chart">
          <figcaption className="visually-hidden">
            {t('diffusion.caption', { theme: themeName(diffusion.theme) })}
          </figcaption>
          <ol>
            {adopters.map((adopter, index) => (
              <li key={adopter.country.code}>
                <span className="rank">{index + 1}</span>
                <span className="who">{countryName(adopter.country)}</span>
                <span className="track" aria-hidden="true">
                  <span className="mark" style={{ left: at(adopter.date) }} />
                </span>
                <span className="what">
                  <time dateTime={adopter.date}>{formatDate(adopter.date)}</time>
                  {' · '}
                  <Link to={instrumentPath(adopter.instrument.id)}>{adopter.instrument.title}</Link>
                  <span className="muted small">
                    {' · '}
                    {index === 0
                      ? t('diffusion.first')
                      : adopter.yearsAfterFirst === 0
                        ? t('diffusion.sameYear')
                        : t('diffusion.yearsAfter', { count: adopter.yearsAfterFirst })}
                    {adopter.regional && ` · ${t('diffusion.regional')}`}
                    {adopter.later.length > 0 && ` · ${t('diffusion.later', { count: adopter.later.length })}`}
                  </span>
                </span>
              </li>
            ))}
          </ol>
          <p className="axis small muted" aria-hidden="true">
            <span>{first}</span>
            <span>{last}</span>
          </p>
        </figure>
      )}
      {notYet.length > 0 && (
        <>
          <h3 className="cell-heading">{t('diffusion.notYet')}</h3>
          <ul className="plain-list diffusion-not-yet">
            {notYet.map((absent) => (
              <li key={absent.country.code}>
                {countryName(absent.country)}
                <span className="muted small">
                  {' · '}
                  {t(`diffusion.absent.${absent.judgement}`)}
                  {absent.instruments.length > 0 && ' · '}
                  <InstrumentLinks instruments={absent.instruments} />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
