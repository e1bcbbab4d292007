#!/usr/bin/env python3
"""Writes chainlightning.json, the Grafana dashboard of docs/METRICS.md's metrics.

Edit the panels here, run `python3 deploy/grafana/make_dashboard.py`, and commit both files;
DashboardMetricsTest checks that every metric the dashboard queries is one the tunnel exports."""
import json
import os

PANELS = [
    # (title, unit, stacked, [(expr, legend)], width)
    ("Tunnel throughput (what the links carry, both directions)", "bps", False, [
        ('sum by (role) (rate(chainlightning_link_tx_bytes_total{role=~"$role"}[$__rate_interval])) * 8', "{{role}} sends"),
        ('sum by (role) (rate(chainlightning_link_rx_bytes_total{role=~"$role"}[$__rate_interval])) * 8', "{{role}} receives"),
    ], 12),
    ("Links up (1) or down (0)", "none", False, [
        ('chainlightning_link_up{role=~"$role"}', "{{role}} {{link}}"),
    ], 12),
    ("Sent per link (stacked)", "bps", True, [
        ('rate(chainlightning_link_tx_bytes_total{role=~"$role"}[$__rate_interval]) * 8', "{{role}} {{link}}"),
    ], 12),
    ("Estimated capacity per link", "Bps", False, [
        ('chainlightning_link_capacity_bytes_per_second{role=~"$role"}', "{{role}} {{link}}"),
    ], 12),
    ("Round trip per link (smoothed, and the smallest)", "s", False, [
        ('chainlightning_link_rtt_seconds{role=~"$role"}', "{{role}} {{link}}"),
        ('chainlightning_link_rtt_min_seconds{role=~"$role"}', "{{role}} {{link}} min"),
    ], 12),
    ("Heartbeat loss per link", "percentunit", False, [
        ('chainlightning_link_loss_ratio{role=~"$role"}', "{{role}} {{link}}"),
    ], 12),
    ("Failover events (links going down)", "none", False, [
        ('sum by (role) (increase(chainlightning_failovers_total{role=~"$role"}[$__rate_interval]))', "{{role}}"),
    ], 8),
    ("FEC: packets rebuilt, groups lost", "pps", False, [
        ('rate(chainlightning_fec_recovered_packets_total{role=~"$role"}[$__rate_interval])', "{{role}} rebuilt"),
        ('rate(chainlightning_fec_unrecoverable_groups_total{role=~"$role"}[$__rate_interval])', "{{role}} groups lost"),
    ], 8),
    ("Lost and resent packets", "pps", False, [
        ('rate(chainlightning_reorder_lost_packets_total{role=~"$role"}[$__rate_interval])', "{{role}} lost"),
        ('rate(chainlightning_resent_packets_total{role=~"$role"}[$__rate_interval])', "{{role}} resent"),
    ], 8),
    ("Dropped datagrams by reason", "pps", True, [
        ('sum by (role, reason) (rate(chainlightning_drops_total{role=~"$role"}[$__rate_interval]))', "{{role}} {{reason}}"),
    ], 12),
    ("Handshakes", "none", False, [
        ('increase(chainlightning_handshakes_total{role=~"$role"}[$__range])', "{{role}}"),
    ], 12),
]


def panel(index, x, y, title, unit, stacked, targets, width):
    return {
        "id": index + 1,
        "type": "timeseries",
        "title": title,
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "gridPos": {"x": x, "y": y, "w": width, "h": 8},
        "fieldConfig": {
            "defaults": {
                "unit": unit,
                "custom": {"stacking": {"mode": "normal" if stacked else "none"}, "fillOpacity": 30 if stacked else 0},
            },
            "overrides": [],
        },
        "targets": [{"refId": chr(ord("A") + i), "expr": expr, "legendFormat": legend}
                    for i, (expr, legend) in enumerate(targets)],
    }


def dashboard():
    panels, x, y = [], 0, 0
    for i, (title, unit, stacked, targets, width) in enumerate(PANELS):
        if x + width > 24:
            x, y = 0, y + 8
        panels.append(panel(i, x, y, title, unit, stacked, targets, width))
        x += width
    return {
        "title": "ChainLightning bond",
        "uid": "chainlightning-bond",
        "description": "Why is my bond slow? Throughput, each link's share, state, RTT, loss and capacity, "
                       "failovers, FEC and drops. Metrics: docs/METRICS.md.",
        "schemaVersion": 39,
        "tags": ["chainlightning"],
        "time": {"from": "now-1h", "to": "now"},
        "refresh": "10s",
        "templating": {"list": [
            {"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Prometheus"},
            {"name": "role", "type": "custom", "query": "client,server", "multi": True, "includeAll": True,
             "current": {"text": "All", "value": "$__all"}, "allValue": ".*"},
        ]},
        "panels": panels,
    }


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chainlightning.json")
    with open(out, "w") as f:
        json.dump(dashboard(), f, indent=2)
        f.write("\n")
