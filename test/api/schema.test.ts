/** The GraphQL SDL follows the domain model, and nested fields are batched rather than fetched one by one. */
import { execute, type GraphQLEnumType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { instrumentKinds, instrumentStatuses, nodeKinds, relationshipTypes, TextMode } from '../../ingest/model.js';
import { ThemeTree } from '../../server/domain/themes.js';
import type { GraphStore } from '../../server/graph/graph-store.js';
import { MemoryGraphStore } from '../../server/graph/memory-graph-store.js';
import { type Context, createLoaders } from '../../server/graphql/context.js';
import { buildSchema } from '../../server/graphql/schema.js';
import { fixtureGraph } from '../helpers/graph-fixture.js';

const schema = buildSchema();
const enumValues = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((value) => value.name);

describe('the SDL agrees with the domain model', () => {
  it.each([
    ['NodeKind', nodeKinds],
    ['RelationshipType', relationshipTypes],
    ['InstrumentKind', instrumentKinds],
    ['InstrumentStatus', instrumentStatuses],
    ['TextMode', TextMode.options],
  ])('%s', (name, values) => {
    expect(enumValues(name)).toEqual([...values]);
  });

  it('has an object type for every node kind', () => {
    for (const kind of nodeKinds) expect(schema.getType(kind)?.toString()).toBe(kind);
  });
});

describe('batching', () => {
  it('makes a fixed number of store calls however many items a page holds', async () => {
    const store = await MemoryGraphStore.open();
    const graph = await fixtureGraph();
    await store.replaceGraph(graph);
    const calls: string[] = [];
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function'
          ? (...args: unknown[]) => {
              calls.push(String(property));
              return value.apply(target, args);
            }
          : value;
      },
    }) as GraphStore;
    const themes = graph.nodes.filter((node) => node.kind === 'Theme');
    const countries = graph.nodes.filter((node) => node.kind === 'Country').map((node) => node.id);
    const run = async (first: number) => {
      calls.length = 0;
      const context: Context = {
        services: {
          graph: counting,
          search: undefined as never,
        },
        catalog: { tree: new ThemeTree(themes as never), countries },
        authorization: null,
        loaders: createLoaders(counting),
      };
      const result = await execute({
        schema,
        document: parse(
          `{ instruments(first: ${first}) { nodes { title countries { label } themes { label } provisions { nodes { label themes { label } passages { text } } } } } }`,
        ),
        contextValue: context,
      });
      expect(result.errors).toBeUndefined();
      return calls.length;
    };
    const few = await run(1);
    const many = await run(5);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(8);
  });
});
