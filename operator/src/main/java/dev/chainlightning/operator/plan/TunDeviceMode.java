package dev.chainlightning.operator.plan;

/** How a server container gets /dev/net/tun; the names are the spec's values. */
public enum TunDeviceMode {
    HostDevice,
    DevicePlugin,
    Privileged
}
