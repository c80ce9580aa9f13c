import { useTranslation } from 'react-i18next';

/** A source shown by its host name; a source given in words rather than as a URL is shown as it is. */
export function SourceLink({ url, prefix }: { url: string; prefix?: string }) {
  const { t } = useTranslation();
  if (!URL.canParse(url)) return <span className="muted">{url}</span>;
  return (
    <a href={url} rel="noreferrer noopener" target="_blank" className="source">
      {prefix ?? t('source.prefix')}
      {new URL(url).hostname}
    </a>
  );
}
