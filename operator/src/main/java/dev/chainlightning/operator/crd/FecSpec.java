package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Reed-Solomon parity over groups of packets (docs/CONFIG.md, [performance]). */
public class FecSpec {
    @JsonPropertyDescription("adaptive (default: parity follows the loss the receiver reports, up to repairPackets)"
            + " or fixed (always repairPackets).")
    private String mode;

    @JsonPropertyDescription("Data packets per group, 1..64 (default 10).")
    private Integer groupSize;

    @JsonPropertyDescription("Parity packets per group, 0..32 (default 3; 0 turns FEC off).")
    private Integer repairPackets;

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Integer getGroupSize() {
        return groupSize;
    }

    public void setGroupSize(Integer groupSize) {
        this.groupSize = groupSize;
    }

    public Integer getRepairPackets() {
        return repairPackets;
    }

    public void setRepairPackets(Integer repairPackets) {
        this.repairPackets = repairPackets;
    }
}
