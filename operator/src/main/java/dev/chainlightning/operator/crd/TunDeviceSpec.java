package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the server containers get /dev/net/tun. */
public class TunDeviceSpec {
    @JsonPropertyDescription("HostDevice (default): the node's /dev/net/tun mounted as a hostPath CharDevice, with"
            + " NET_ADMIN as the only capability. Since runc 1.2 some runtimes no longer let containers open it that"
            + " way; then use DevicePlugin (a device plugin offering it as an extended resource, see resourceName) or,"
            + " as a last resort, Privileged (a privileged container, which sees every host device).")
    private String mode;

    @JsonPropertyDescription("Extended resource requested in DevicePlugin mode (default squat.ai/tun, as the"
            + " generic-device-plugin names it).")
    private String resourceName;

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }
}
