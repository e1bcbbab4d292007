package dev.chainlightning.e2e;

import dev.chainlightning.testbed.LinkSpec;
import dev.chainlightning.testbed.TestBed;
import dev.chainlightning.testbed.TunnelOnTestBed;
import dev.chainlightning.testbed.emu.EmulationProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * What the tests on emulated WAN links share: one test bed with a link emulator per link and one
 * tunnel (no configured rates) for the whole test class, started by the subclass's
 * {@code @BeforeAll} through {@link #startBond} and removed after its last test.
 */
abstract class EmulatedBondTest {
    static TestBed bed;
    static TunnelOnTestBed tunnel;
    static Path dir;

    static void startBond(String name, List<LinkSpec> links, List<EmulationProfile> emulation) throws Exception {
        dir = Files.createTempDirectory("cl-" + name + "-e2e-");
        bed = TestBed.create(links, emulation);
        tunnel = TunnelOnTestBed.start(bed, dir, "", "");
    }

    @AfterAll
    static void stopBond() {
        if (tunnel != null) {
            tunnel.close();
            tunnel = null;
        }
        if (bed != null) {
            bed.close();
            bed = null;
        }
    }
}
