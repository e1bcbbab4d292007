package dev.chainlightning.e2e;

import dev.chainlightning.testbed.LinkSpec;
import dev.chainlightning.testbed.TestBed;
import dev.chainlightning.testbed.TunnelOnTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the stream tests (FEC, resending) share: one test bed of three links at 20, 30 and 50
 * Mbit/s per test class, a tunnel per test, and every link back to clean after each test (no
 * loss, none cut), so one test's impairment never reaches the next.
 */
abstract class ThreeLinkStreamTest {
    static final String RATES = "rates_mbit = [20, 30, 50]";

    static TestBed bed;
    static Path dir;
    TunnelOnTestBed tunnel;

    @BeforeAll
    static void buildTestBed() throws Exception {
        dir = Files.createTempDirectory("cl-stream-e2e-");
        bed = TestBed.create(List.of(new LinkSpec(20, 20), new LinkSpec(30, 30), new LinkSpec(50, 50)));
    }

    @AfterAll
    static void removeTestBed() {
        if (bed != null) {
            bed.close();
            bed = null;
        }
    }

    @AfterEach
    void stopTunnelAndCleanLinks() throws Exception {
        if (tunnel != null) {
            tunnel.close();
            tunnel = null;
        }
        for (int i = 0; i < bed.linkCount(); i++) {
            bed.setLoss(i, 0);
            bed.restoreLink(i);
        }
    }
}
