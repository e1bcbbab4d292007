package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The tunnel's own settings, written into every server and client config. */
public class TunnelSettings {
    @JsonPropertyDescription("TUN MTU: 0 or unset chooses automatically (1432 over IPv4), else 576..9000.")
    private Integer mtu;

    @JsonPropertyDescription("IPv4 block the TUN addresses come from (default 10.99.0.0/24): client i gets the i-th"
            + " /30, the server its first address and the client its second.")
    private String addressPool;

    @JsonPropertyDescription("TUN device names are this prefix and the client's index (default cl: cl0, cl1, ...).")
    private String tunNamePrefix;

    @JsonPropertyDescription("Forward error correction.")
    private FecSpec fec = new FecSpec();

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }

    public String getAddressPool() {
        return addressPool;
    }

    public void setAddressPool(String addressPool) {
        this.addressPool = addressPool;
    }

    public String getTunNamePrefix() {
        return tunNamePrefix;
    }

    public void setTunNamePrefix(String tunNamePrefix) {
        this.tunNamePrefix = tunNamePrefix;
    }

    public FecSpec getFec() {
        return fec;
    }

    public void setFec(FecSpec fec) {
        this.fec = fec;
    }
}
