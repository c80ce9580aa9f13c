/** GraphQL requests the server must refuse before running them, each with the code and message it answers with. */
const deep = `{ theme(id: "data-localisation") { ${'parent { '.repeat(14)}label${' }'.repeat(14)} } }`;
const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: stats { passages }`).join(' ')} }`;
const tokens = `{ ${'a '.repeat(4000)}}`;
const costly =
  '{ countries { instruments(first: 100) { nodes { provisions(first: 100) { nodes { themes { children { label } } } } } } } }';

export const abusiveQueries: [name: string, query: string, code: string, message: RegExp][] = [
  ['a query too deep', deep, 'QUERY_TOO_DEEP', /depth limit of 12/],
  ['too many aliases', aliases, 'TOO_MANY_ALIASES', /aliases/i],
  ['too many tokens', tokens, 'TOO_MANY_TOKENS', /token limit/i],
  ['a query too costly', costly, 'QUERY_TOO_COSTLY', /cost/i],
  ['a syntax error', '{ stats { passages }', 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
  [
    'an unknown enum value',
    '{ search(query: "x", sort: SIDEWAYS) { total } }',
    'GRAPHQL_VALIDATION_FAILED',
    /SIDEWAYS/,
  ],
];
