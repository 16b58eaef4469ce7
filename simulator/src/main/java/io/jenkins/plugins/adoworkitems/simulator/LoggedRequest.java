package io.jenkins.plugins.adoworkitems.simulator;

import java.time.Instant;

/**
 * One request the simulator answered. {@code status} is -1 when the connection was dropped without an answer
 * (a reset or a lost response fault). Never holds headers, so tokens cannot leak through the log.
 */
public record LoggedRequest(String method, String path, String query, int status, boolean isWrite, Instant timestamp) {
}
