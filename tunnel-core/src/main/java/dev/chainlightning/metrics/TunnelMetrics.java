package dev.chainlightning.metrics;

import dev.chainlightning.engine.Session;
import dev.chainlightning.link.Link;
import dev.chainlightning.sched.Striper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The tunnel's figures as Prometheus metrics (docs/METRICS.md). Every meter is function-based: it
 * reads the counters and link state the engine keeps anyway (the same ones the stats line prints)
 * when Prometheus scrapes, so the packet path does nothing extra: no locks, no allocation, no
 * extra counting.
 *
 * <p>Links appear over time (the server learns them from the client's handshakes), so link meters
 * are registered lazily: each scrape first looks through the current session for link ids it has
 * not seen and registers their meters, then renders. Registering on the scrape thread rather than
 * a periodic task keeps all registry changes on one thread and a link visible from the first
 * scrape after it joined. See {@link LinkMeters} for how meters follow a replaced session.
 */
public final class TunnelMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsSource source;
    /** Link meters by link id; also what keeps their state strongly reachable. */
    private final LinkMeters[] links = new LinkMeters[Striper.MAX_LINKS];

    public TunnelMetrics(MetricsSource source) {
        this.source = source;
        TunnelMeters.register(registry, source);
    }

    /** Registers meters for links of the current session seen for the first time. */
    synchronized void discoverLinks() {
        Session session = source.session();
        if (session == null) {
            return;
        }
        for (int id = 0; id <= session.striper().highestId(); id++) {
            Link link = session.striper().link(id);
            if (link != null && links[id] == null) {
                links[id] = LinkMeters.register(registry, source, id, link.name());
            }
        }
    }

    /** All metrics in the Prometheus text format (version 0.0.4). */
    public synchronized String scrape() {
        discoverLinks();
        return registry.scrape();
    }

    /** Whether the tunnel can carry traffic now, and if not, why. */
    public Readiness readiness() {
        return Readiness.of(source.session(), System.nanoTime());
    }
}
