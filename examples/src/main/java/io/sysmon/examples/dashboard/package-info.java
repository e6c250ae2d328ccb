/**
 * The web dashboard: charts of the metrics in the local time-series store, each device's shadow, and the alerts,
 * served by {@link io.sysmon.examples.dashboard.DashboardServer} from the JDK's own HTTP server. The page, its
 * script and the chart library (uPlot, from its WebJar) all come from the jar, so it works offline.
 */
package io.sysmon.examples.dashboard;
