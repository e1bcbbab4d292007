package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One gateway: its own key pair, port block, TUN subnet and config Secret. */
public class ClientSpec {
    @JsonPropertyDescription("Name of the gateway: lowercase letters, digits and '-', at most 40 characters,"
            + " unique in this tunnel. Its config Secret is <tunnel>-<name>-client.")
    private String name;

    @JsonPropertyDescription("The gateway's WAN addresses (its [links] source_ips). Without them the config holds a"
            + " placeholder: run the client image with CL_SOURCE_IPS=auto (or a comma-separated list) instead.")
    private List<String> sourceIPs = new ArrayList<>();

    @JsonPropertyDescription("Links (UDP flows) per WAN address, 1..16 (default 1).")
    private Integer linksPerWan;

    public ClientSpec() {
    }

    public ClientSpec(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getSourceIPs() {
        return sourceIPs;
    }

    public void setSourceIPs(List<String> sourceIPs) {
        this.sourceIPs = sourceIPs;
    }

    public Integer getLinksPerWan() {
        return linksPerWan;
    }

    public void setLinksPerWan(Integer linksPerWan) {
        this.linksPerWan = linksPerWan;
    }
}
