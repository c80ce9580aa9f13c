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

/**
 * Refuses introspection when it is turned off; parse errors without a code get GRAPHQL_PARSE_FAILED,
 * validation errors GRAPHQL_VALIDATION_FAILED, variables of the wrong type BAD_USER_INPUT.
 */
export function refusalsPlugin({ introspection }: { introspection: boolean }): Plugin {
  return {
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
