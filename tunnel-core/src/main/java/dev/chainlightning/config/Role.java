package dev.chainlightning.config;

/** Which end of the tunnel this process is; some keys are required or checked only for one role. */
public enum Role {
    SERVER,
    CLIENT
}
