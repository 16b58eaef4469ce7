package io.jenkins.plugins.adoworkitems.core.ado;

import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the simulator's request log. The simulator logs a request after its answer went out (or its connection was
 * closed), so a client can finish before its last request is logged: wait, bounded, for the expected entries.
 */
final class SimulatorRequests {
    private SimulatorRequests() {
    }

    static List<LoggedRequest> await(AdoSimulator simulator, Predicate<LoggedRequest> filter, int atLeast)
            throws InterruptedException {
        List<LoggedRequest> matching = List.of();
        for (int i = 0; i < 100; i++) {
            matching = simulator.requestLog().entries().stream().filter(filter).toList();
            if (matching.size() >= atLeast) {
                break;
            }
            Thread.sleep(50);
        }
        return matching;
    }
}
