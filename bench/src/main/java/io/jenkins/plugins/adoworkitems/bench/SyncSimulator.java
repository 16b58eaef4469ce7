package io.jenkins.plugins.adoworkitems.bench;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fresh simulator (organization "demo", project "Demo", Agile process) with the benchmark's latency and rate
 * limit, and clients for it with the default retry policy, which waits as long as Retry-After says.
 */
final class SyncSimulator implements AutoCloseable {
    static final String PROJECT = "Demo";

    private final AdoSimulator simulator;
    private final AdoTarget target;
    private final SyncSettings settings;

    private SyncSimulator(AdoSimulator simulator, AdoTarget target, SyncSettings settings) {
        this.simulator = simulator;
        this.target = target;
        this.settings = settings;
    }

    static SyncSimulator start(SyncSettings settings) throws IOException {
        SimulatorConfig config = SimulatorConfig.defaults();
        AdoSimulator simulator = AdoSimulator.start(config);
        SyncSimulator started = new SyncSimulator(simulator,
                AdoTarget.services(URI.create(simulator.organizationUrl(config.accounts().get(0).name()))), settings);
        started.newRun();
        return started;
    }

    /** A new process's client: default retries (Retry-After honoured), loopback HTTP allowed. */
    AdoClient client() {
        return AdoClient.create(target, new PersonalAccessToken("sim-pat"),
                ClientSettings.defaults().withUrlPolicy(new UrlPolicy(true, true)));
    }

    /** Empties the request log and starts a new rate-limit window, so every run is measured from the same start. */
    void newRun() {
        simulator.requestLog().reset();
        simulator.faults().clear().latency(settings.latency());
        if (settings.rateLimit() > 0) {
            simulator.faults().rateLimit(settings.rateLimit(), settings.rateWindow());
        }
    }

    int requests() {
        return simulator.requestLog().count();
    }

    int writes() {
        return simulator.requestLog().writes();
    }

    int throttled() {
        return (int) simulator.requestLog().entries().stream().filter(entry -> entry.status() == 429).count();
    }

    /** Requests by {@code "METHOD /path"}, with the organization and project left out so the keys read as the API. */
    Map<String, Integer> byEndpoint() {
        Map<String, Integer> counts = new TreeMap<>();
        simulator.requestLog().entries().forEach(entry -> counts.merge(endpoint(entry), 1, Integer::sum));
        return counts;
    }

    /**
     * For a client that sends one request at a time: the time from each request's arrival to the next one's (to
     * {@code end} for the last), by endpoint. It covers the latency, the simulator's work, the transfer and what
     * the client did before its next request, so it shows which calls a run waits on.
     */
    Map<String, Duration> timeByEndpoint(Instant end) {
        List<LoggedRequest> entries = simulator.requestLog().entries().stream()
                .sorted(Comparator.comparing(LoggedRequest::timestamp)).toList();
        Map<String, Duration> times = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Instant next = i + 1 < entries.size() ? entries.get(i + 1).timestamp() : end;
            times.merge(endpoint(entries.get(i)), Duration.between(entries.get(i).timestamp(), next), Duration::plus);
        }
        return times;
    }

    private static String endpoint(LoggedRequest entry) {
        String path = entry.path().replaceFirst("^/demo(/" + PROJECT + ")?/", "/")
                .replaceFirst("/workitems/\\$[^/]+$", "/workitems/\\${type}");
        return entry.method() + " " + path;
    }

    /** The benchmark's simulator settings. */
    record SyncSettings(Duration latency, int rateLimit, Duration rateWindow) {
        String describe() {
            return latency.toMillis() + " ms latency per request, "
                    + (rateLimit > 0 ? "rate limit " + rateLimit + " requests per " + rateWindow.toSeconds() + " s window"
                    : "no rate limit");
        }
    }

    @Override
    public void close() {
        simulator.close();
    }
}
