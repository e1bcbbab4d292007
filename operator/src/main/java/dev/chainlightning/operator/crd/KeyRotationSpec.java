package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** When the tunnel's long-term keys are replaced (session keys are renewed every 2 minutes regardless). */
public class KeyRotationSpec {
    @JsonPropertyDescription("Replace all keys this long after they were made, e.g. 720h or 30d (units d, h, m, s);"
            + " unset: only on demand, with the annotation chainlightning.dev/rotate-keys.")
    private String interval;

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }
}
