/** A source shown by its host name; a source given in words rather than as a URL is shown as it is. */
export function SourceLink({ url, prefix = 'source: ' }: { url: string; prefix?: string }) {
  if (!URL.canParse(url)) return <span className="muted">{url}</span>;
  return (
    <a href={url} rel="noreferrer noopener" target="_blank" className="source">
      {prefix}
      {new URL(url).hostname}
    </a>
  );
}
