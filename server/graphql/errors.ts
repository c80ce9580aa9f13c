/** The few typed errors the API returns; anything else is masked as INTERNAL_SERVER_ERROR. */
import { GraphQLError } from 'graphql';

export function notFound(what: string, id: string, hint?: string): GraphQLError {
  return new GraphQLError(`${what} ${JSON.stringify(id)} not found${hint ? `: ${hint}` : ''}`, {
    extensions: { code: 'NOT_FOUND', id },
  });
}

export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Argument ${argument}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export function unavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}
