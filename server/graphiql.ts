/**
 * GraphiQL, as graphql-yoga would render it, but with every asset it loads from the CDN pinned to one
 * release and its Subresource Integrity hash, no inline script that the page's Content-Security-Policy does
 * not name by hash, and no favicon from a third host. Yoga's own page loads unpinned scripts from unpkg.
 */
import { createHash } from 'node:crypto';
import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * The release graphql-yoga 5.21 loads. The hashes are of the files in its npm package (which the CDN
 * serves unchanged): `npm pack @graphql-yoga/graphiql@4.4.4`, then for each file
 * `openssl dgst -sha384 -binary FILE | base64`. Changing the version means recomputing every hash.
 */
const RELEASE = 'https://unpkg.com/@graphql-yoga/graphiql@4.4.4/dist/';
const WORKERS = `${RELEASE}monacoeditorwork/`;
const assets = {
  style: {
    url: `${RELEASE}graphiql.css`,
    integrity: 'sha384-Xp/7OLcB0QxJbd7DgYyj2SlhlXcC3CfoZwV0noESXagTOy5SgLd0fvxFirGgDlSe',
  },
  script: {
    url: `${RELEASE}yoga-graphiql.umd.js`,
    integrity: 'sha384-WAFtynGV/ZuAxP4ECkkN3oWFWRicWBtlHw3mjtEt3osueEL3zyjzZEgvImTqNSW6',
  },
  /** Monaco's editor workers, fetched with their hashes and started from blob: URLs, as yoga's page does. */
  workers: {
    editorWorkerService: {
      url: `${WORKERS}editor.worker.bundle.js`,
      integrity: 'sha384-nhpsfnS0E5QEf0o0e0kTLu1+LcPnonpjZVPXs+5psbLTq3PpC7Nz5i15rg+yYklM',
    },
    json: {
      url: `${WORKERS}json.worker.bundle.js`,
      integrity: 'sha384-1k/AgtBViWBIvVoUfugwlznpAOoG8HjF9DrC/QSRYTyF0cIn7sM6sHBRzU/eazP2',
    },
    // The double dot is in the released file name.
    graphql: {
      url: `${WORKERS}graphql.worker..bundle.js`,
      integrity: 'sha384-KDYBz0tWeEyBvE5h3w8UgMLEzKHpNdyEER6gtteh17eev+eodn0zx+SJYhHxJi0o',
    },
  },
};

/** Runs before the GraphiQL bundle: Monaco reads its environment when it loads. */
const prepareWorkers = `const workers = {};
const workerAssets = ${JSON.stringify(assets.workers)};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_, label) => workers[label] };
self.workersReady = Promise.all(Object.entries(workerAssets).map(async ([label, { url, integrity }]) => {
  const response = await fetch(url, { integrity });
  workers[label] = URL.createObjectURL(new Blob([await response.text()], { type: 'application/javascript' }));
}));`;

const render = `const options = JSON.parse(document.getElementById('graphiql-options').textContent);
self.workersReady.finally(() => YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options));`;

const hashOf = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

/** The policy of the GraphiQL page: its two inline scripts by hash, the pinned assets, and the API itself. */
export const graphiqlContentSecurityPolicy = [
  "default-src 'none'",
  `script-src ${hashOf(prepareWorkers)} ${hashOf(render)} ${assets.script.url}`,
  // Monaco and GraphiQL set styles at run time.
  `style-src ${assets.style.url} 'unsafe-inline'`,
  'font-src data:',
  "img-src 'self' data:",
  `connect-src 'self' ${WORKERS}`,
  'worker-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A JSON text that cannot end the <script> element it sits in. */
const scriptSafeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderGraphiQL(options: GraphiQLOptions): string {
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.style.url}" integrity="${assets.style.integrity}" crossorigin="anonymous">
</head><body><noscript>You need to enable JavaScript to run GraphiQL.</noscript><div id="root">Loading ${title}…</div>
<script type="application/json" id="graphiql-options">${scriptSafeJson(options)}</script>
<script>${prepareWorkers}</script>
<script src="${assets.script.url}" integrity="${assets.script.integrity}" crossorigin="anonymous"></script>
<script>${render}</script>
</body></html>`;
}
