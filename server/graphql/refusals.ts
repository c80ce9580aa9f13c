/**
 * Codes for the requests GraphQL refuses before running them. graphql-armor's limits throw errors with no
 * code, and errors that reach yoga's parser or validator from elsewhere may have none; a client must be
 * able to tell each refusal apart without reading the message.
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const limitCodes = {
  maxDepth: 'QUERY_TOO_DEEP',
  maxAliases: 'TOO_MANY_ALIASES',
  maxTokens: 'TOO_MANY_TOKENS',
  costLimit: 'QUERY_TOO_COSTLY',
  maxDirectives: 'TOO_MANY_DIRECTIVES',
} as const;

/** An armor onReject handler: the error it is given is the one it then throws, so the code travels with it. */
export function rejectWith(code: string): ((context: unknown, error: GraphQLError) => void)[] {
  return [(_, error) => Object.assign(error.extensions, { code })];
}

const coded = (error: GraphQLError, code: string) =>
  error.extensions.code
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...error.extensions, code },
      });

/** Where in `value` (named `path`) a string first holds a lone UTF-16 surrogate: half of a pair, not a character. */
function loneSurrogateAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return /\p{Cs}/u.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = loneSurrogateAt(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses variables that are not text (a lone surrogate, which JSON can carry but no store can take: Meilisearch
 * refuses the request) with BAD_USER_INPUT; refuses introspection when it is turned off; parse errors without a code get GRAPHQL_PARSE_FAILED,
 * validation errors GRAPHQL_VALIDATION_FAILED, variables of the wrong type BAD_USER_INPUT.
 */
export function refusalsPlugin({ introspection }: { introspection: boolean }): Plugin {
  return {
    onParams: ({ params, setResult }) => {
      const at = loneSurrogateAt(params.variables, 'variables');
      if (!at) return;
      const message = `${at} holds a lone UTF-16 surrogate, which is not a character: send well-formed Unicode (in JSON, a \\uD800–\\uDFFF escape must be one half of a pair).`;
      setResult({ errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })] });
    },
    onParse:
      () =>
      ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(coded(result, 'GRAPHQL_PARSE_FAILED'));
      },
    onValidate: ({ addValidationRule }) => {
      if (!introspection) addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ result, setResult }) => {
        setResult(result.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED')));
      };
    },
    // Variables that do not fit their types (an unknown enum value, say) fail before any resolver runs,
    // and are the only errors an execution answers without `data`.
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if ('errors' in result && result.errors && result.data === undefined)
          setResult({ ...result, errors: result.errors.map((error) => coded(error, 'BAD_USER_INPUT')) });
      },
    }),
  };
}
