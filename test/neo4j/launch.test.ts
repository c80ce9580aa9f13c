import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedNeo4j, launchNeo4j } from '../../server/neo4j/launch.js';

// The first run builds the launcher and downloads Neo4j from Maven; .ci/run prepares it ahead of time.
const FIRST_BUILD_AND_START_MS = 10 * 60_000;
const START_MS = 3 * 60_000;

describe('launchNeo4j', () => {
  let server: LaunchedNeo4j;
  let driver: Driver;

  beforeAll(async () => {
    server = await launchNeo4j();
    driver = neo4j.driver(server.uri);
  }, FIRST_BUILD_AND_START_MS);

  afterAll(async () => {
    await driver?.close();
    await server?.stop();
  }, START_MS);

  it('serves Bolt on loopback without authentication', async () => {
    expect(server.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    const { records } = await driver.executeQuery('RETURN 1 + 1 AS sum');
    expect(records[0]?.get('sum').toNumber()).toBe(2);
  });

  it(
    'keeps written data across a restart on the same address',
    async () => {
      const title = `Cybersecurity Law ${Date.now()}`;
      await driver.executeQuery('CREATE (:Policy {title: $title, year: 2017})', { title });

      const uriBefore = server.uri;
      await server.restart();
      expect(server.uri).toBe(uriBefore);

      // The old driver's pooled connections died with the server; a fresh session must still get through.
      const session = driver.session();
      try {
        const result = await session.run('MATCH (p:Policy {title: $title}) RETURN p.year AS year', { title });
        expect(result.records.map((record) => record.get('year').toNumber())).toEqual([2017]);
      } finally {
        await session.close();
      }
    },
    START_MS,
  );

  it(
    'refuses connections once stopped and tolerates a second stop',
    async () => {
      const throwaway = await launchNeo4j();
      const throwawayDriver = neo4j.driver(throwaway.uri, undefined, {
        connectionAcquisitionTimeout: 5_000,
        maxTransactionRetryTime: 1_000,
      });
      try {
        await throwawayDriver.executeQuery('CREATE (:Marker)');
        await throwaway.stop();
        await throwaway.stop();
        await expect(throwawayDriver.executeQuery('RETURN 1')).rejects.toThrow();
      } finally {
        await throwawayDriver.close();
        await throwaway.stop();
      }
    },
    START_MS,
  );
});
