package org.cyberpolicy.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.NullLogProvider;

/**
 * Runs Neo4j Community in this JVM with only the Bolt connector on loopback, for tests and local development.
 *
 * <p>Usage: {@code Neo4jLauncher <data-dir> <port>} (port 0 picks a free one). Prints exactly one line {@code
 * NEO4J_READY bolt://127.0.0.1:<port>} on stdout once Bolt accepts connections; errors go to stderr as
 * {@code NEO4J_ERROR ...}. Shuts down cleanly on SIGTERM/SIGINT and when stdin reaches end of file, so a launcher
 * whose parent died does not outlive it.
 */
public final class Neo4jLauncher {
  private static final String LOOPBACK = "127.0.0.1";
  private static final long DATABASE_AVAILABLE_TIMEOUT_SECONDS = 120;
  /** The page cache size in MiB, as a system property: {@code -Dcyberpolicy.neo4j.pageCacheMiB=512}. */
  private static final String PAGE_CACHE_PROPERTY = "cyberpolicy.neo4j.pageCacheMiB";

  private Neo4jLauncher() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      fail("usage: Neo4jLauncher <data-dir> <port>   (port 0 picks a free port)", null);
    }
    Path dataDir = Path.of(args[0]).toAbsolutePath();
    int requestedPort = parsePort(args[1]);

    DatabaseManagementService service;
    try {
      Files.createDirectories(dataDir);
      service = start(dataDir, requestedPort);
    } catch (Throwable error) {
      if (hasCause(error, "PortBindException")) {
        fail(LOOPBACK + ":" + requestedPort
            + " is already in use (another Neo4j?); choose another port, or 0 for any free one", error);
      }
      fail("could not start Neo4j in " + dataDir + " on " + LOOPBACK + ":" + requestedPort + ": " + rootMessage(error),
          error);
      return;
    }

    AtomicBoolean stopped = new AtomicBoolean(false);
    Runnable shutdown = () -> {
      if (stopped.compareAndSet(false, true)) {
        service.shutdown();
      }
    };
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "neo4j-launcher-shutdown"));

    try {
      GraphDatabaseService database = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      if (!database.isAvailable(TimeUnit.SECONDS.toMillis(DATABASE_AVAILABLE_TIMEOUT_SECONDS))) {
        fail("database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME + "' did not become available within "
            + DATABASE_AVAILABLE_TIMEOUT_SECONDS + " s", null);
      }
      warmUpCypher(database);
      int boltPort = boltPort(database);
      awaitBoltAcceptingConnections(boltPort);
      System.out.println("NEO4J_READY bolt://" + LOOPBACK + ":" + boltPort);
      System.out.flush();
    } catch (Throwable error) {
      fail("Neo4j started but Bolt is not usable: " + rootMessage(error), error);
    }

    exitWhenStdinCloses();
  }

  private static DatabaseManagementService start(Path dataDir, int port) {
    return new DatabaseManagementServiceBuilder(dataDir)
        // Neo4j's own user log repeats what we print and would drown test output.
        .setUserLogProvider(NullLogProvider.getInstance())
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(LOOPBACK, port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        // launch.ts passes the size (small for tests, larger for development and benchmarks).
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(Long.getLong(PAGE_CACHE_PROPERTY, 128)))
        .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(128))
        .setConfig(BoltConnector.thread_pool_max_size, 50)
        // Preallocating 256 MiB transaction logs per database wastes disk in throwaway test directories.
        .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
        .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
        .setConfig(GraphDatabaseSettings.debug_log_enabled, false)
        // Only package registries are reachable here; usage reporting would just time out.
        .setConfig(GraphDatabaseSettings.udc_enabled, false)
        // Netty's default 5 s quiet period would make every stop (and each fault-test restart) that much slower.
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
        .build();
  }

  /**
   * Loading and compiling Cypher's planner takes seconds; doing it before announcing readiness keeps that cost inside
   * the generous start-up timeout instead of the first test's. Rolled back, so it leaves no data behind.
   */
  private static void warmUpCypher(GraphDatabaseService database) {
    try (Transaction transaction = database.beginTx()) {
      transaction.execute("UNWIND range(1, 10) AS i CREATE (:LauncherWarmUp {id: i})-[:NEXT]->(:LauncherWarmUp)")
          .close();
      transaction.execute("MATCH (a:LauncherWarmUp {id: $id})-[:NEXT]->(b) RETURN count(b)", Map.of("id", 1L))
          .close();
      transaction.rollback();
    }
  }

  private static int boltPort(GraphDatabaseService database) {
    ConnectorPortRegister ports =
        ((GraphDatabaseAPI) database).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
    HostnamePort address = ports.getLocalAddress(ConnectorType.BOLT);
    if (address == null) {
      throw new IllegalStateException("the Bolt connector did not register a listening port");
    }
    return address.getPort();
  }

  private static void awaitBoltAcceptingConnections(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    IOException lastError;
    do {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
        return;
      } catch (IOException error) {
        lastError = error;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException("Bolt port " + port + " refuses connections: " + lastError.getMessage());
  }

  /** The parent holds our stdin open; end of file means it exited or wants us gone. */
  private static void exitWhenStdinCloses() {
    try (InputStream stdin = System.in) {
      byte[] buffer = new byte[256];
      while (stdin.read(buffer) != -1) {
        // Anything written to stdin is ignored; only its end matters.
      }
    } catch (IOException ignored) {
      // A broken stdin pipe means the parent is gone, same as end of file.
    }
    System.exit(0);
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        fail("port must be between 0 and 65535, got " + text, null);
      }
      return port;
    } catch (NumberFormatException error) {
      fail("port must be a number, got '" + text + "'", null);
      return -1;
    }
  }

  private static String rootMessage(Throwable error) {
    StringBuilder message = new StringBuilder(error.getClass().getSimpleName()).append(": ").append(error.getMessage());
    for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      message.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
    }
    return message.toString();
  }

  private static boolean hasCause(Throwable error, String simpleClassName) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause.getClass().getSimpleName().equals(simpleClassName)) {
        return true;
      }
    }
    return false;
  }

  private static void fail(String message, Throwable error) {
    System.err.println("NEO4J_ERROR " + message);
    if (error != null && System.getenv("NEO4J_LAUNCHER_STACKTRACE") != null) {
      error.printStackTrace();
    }
    System.err.flush();
    System.exit(1);
  }
}
