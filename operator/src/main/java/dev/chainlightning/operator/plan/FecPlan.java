package dev.chainlightning.operator.plan;

/** The [performance] FEC keys, the same at both ends. */
public record FecPlan(String mode, int groupSize, int repairPackets) {
}
