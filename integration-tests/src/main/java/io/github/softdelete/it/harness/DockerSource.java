package io.github.softdelete.it.harness;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A throwaway PostgreSQL 17 container, when a Docker engine is reachable. */
final class DockerSource implements ServerSource<PostgresServer> {

    static final String IMAGE = "postgres:17-alpine";

    @Override
    public String name() {
        return "Docker (Testcontainers, " + IMAGE + ")";
    }

    @Override
    public String howToProvide() {
        return "Start a Docker engine, or point DOCKER_HOST at one.";
    }

    @Override
    public PostgresServer start() throws SourceUnavailableException {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new SourceUnavailableException("no Docker engine found.");
        }
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new SourceUnavailableException("Docker runs, but starting " + IMAGE + " failed: " + e, e);
        }
        return new PostgresServer(name(), JdbcUrl.parse(container.getJdbcUrl()),
                container.getUsername(), container.getPassword(), container::stop);
    }
}
