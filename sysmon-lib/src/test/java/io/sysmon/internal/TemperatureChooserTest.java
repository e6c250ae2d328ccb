package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The priority rules on made-up discoveries; no files involved. */
class TemperatureChooserTest {

    private static HwmonDevice hwmon(int index, String name, String... labels) {
        List<HwmonDevice.Temperature> temps = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            temps.add(new HwmonDevice.Temperature(i + 1, labels[i],
                    Path.of("/sys/class/hwmon/hwmon" + index + "/temp" + (i + 1) + "_input")));
        }
        return new HwmonDevice(index, name, temps, List.of());
    }

    private static ThermalZone zone(int index, String type) {
        return new ThermalZone(index, type, Path.of("/sys/class/thermal/thermal_zone" + index + "/temp"));
    }

    private static String chosen(List<HwmonDevice> hwmons, List<ThermalZone> zones) {
        return TemperatureChooser.choose(hwmons, zones).map(TemperatureSource::description).orElse("none");
    }

    private static final List<HwmonDevice> BOARD_AND_DISKS = List.of(
            hwmon(0, "acpitz", ""), hwmon(1, "nvme", "Composite", "Sensor 1"), hwmon(2, "pch_cannonlake", ""),
            hwmon(3, "iwlwifi_1", ""), hwmon(4, "amdgpu", "edge", "junction"), hwmon(5, "drivetemp", ""),
            hwmon(6, "nct6798", "SYSTIN", "CPUTIN", "PECI Agent 0 Calibration"), hwmon(7, "it8686", ""));
    private static final List<ThermalZone> BOARD_ZONES = List.of(
            zone(0, "acpitz"), zone(1, "pch_cannonlake"), zone(2, "iwlwifi_1"), zone(3, "INT3400 Thermal"));

    private static List<HwmonDevice> with(List<HwmonDevice> base, HwmonDevice... more) {
        List<HwmonDevice> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void coretempPackageBeatsEverything() {
        List<HwmonDevice> hwmons = with(BOARD_AND_DISKS, hwmon(8, "coretemp", "Core 0", "Package id 0", "Core 1"),
                hwmon(9, "k10temp", "Tctl"), hwmon(10, "cpu_thermal", ""));
        assertEquals("hwmon coretemp 'Package id 0'", chosen(hwmons, List.of(zone(0, "x86_pkg_temp"))));
    }

    @Test
    void coretempWithoutPackageReportsTheHottestOfEveryCore() {
        Optional<TemperatureSource> source = TemperatureChooser.choose(
                with(BOARD_AND_DISKS, hwmon(8, "coretemp", "Core 0", "Core 1"), hwmon(9, "coretemp", "Core 0")),
                BOARD_ZONES);
        assertEquals("hwmon coretemp hottest of 3 'Core N'", source.orElseThrow().description());
        assertEquals(3, source.orElseThrow().files().size());
    }

    @Test
    void k10tempPrefersTdieThenTctlThenTemp1() {
        assertEquals("hwmon k10temp 'Tdie'", chosen(with(BOARD_AND_DISKS, hwmon(8, "k10temp", "Tctl", "Tdie",
                "Tccd1")), BOARD_ZONES));
        assertEquals("hwmon k10temp 'Tctl'", chosen(with(BOARD_AND_DISKS, hwmon(8, "k10temp", "Tccd1", "Tctl")),
                BOARD_ZONES));
        assertEquals("hwmon k10temp temp1", chosen(with(BOARD_AND_DISKS, hwmon(8, "k10temp", "", "")), BOARD_ZONES));
    }

    @Test
    void zenpowerTdieThenTctl() {
        assertEquals("hwmon zenpower 'Tdie'", chosen(with(BOARD_AND_DISKS, hwmon(8, "zenpower", "Tctl", "Tdie")),
                BOARD_ZONES));
        assertEquals("hwmon zenpower 'Tctl'", chosen(with(BOARD_AND_DISKS, hwmon(8, "zenpower", "SVI2_Core", "Tctl")),
                BOARD_ZONES));
    }

    @Test
    void armHwmonNames() {
        for (String name : List.of("cpu_thermal", "cpu-thermal", "soc_thermal")) {
            assertEquals("hwmon " + name + " temp1", chosen(with(BOARD_AND_DISKS, hwmon(8, name, "")),
                    List.of(zone(0, "cpu-thermal"))));
        }
    }

    @Test
    void cpuZonesInTheirOrder() {
        assertEquals("thermal zone 3 'x86_pkg_temp'",
                chosen(BOARD_AND_DISKS, List.of(zone(0, "acpitz"), zone(1, "pch_cannonlake"), zone(3, "x86_pkg_temp"))));
        assertEquals("thermal zone 2 'cpu-thermal'",
                chosen(List.of(), List.of(zone(0, "soc_thermal"), zone(1, "cpu0-thermal"), zone(2, "cpu-thermal"))));
        assertEquals("thermal zone 4 'cpu'", chosen(List.of(), List.of(zone(0, "gpu-thermal"), zone(4, "cpu"),
                zone(5, "cpu-1-0-thermal"))));
        assertEquals("thermal zone 5 'cpu-1-0-thermal'", chosen(List.of(), List.of(zone(0, "gpu-thermal"),
                zone(6, "cpu-1-1-thermal"), zone(5, "cpu-1-0-thermal"))));
        assertEquals("thermal zone 1 'soc-thermal'",
                chosen(List.of(), List.of(zone(0, "ddr-thermal"), zone(2, "cpu0-thermal"), zone(1, "soc-thermal"))));
    }

    @Test
    void withoutAnyCpuSensorZone0IsTheFallback() {
        Optional<TemperatureSource> source = TemperatureChooser.choose(BOARD_AND_DISKS, BOARD_ZONES);
        assertEquals("thermal zone 0 'acpitz' (no CPU sensor found)", source.orElseThrow().description());
        // Marked as no CPU sensor by its description (above), and it reads zone 0, not a board hwmon.
        assertEquals(List.of(BOARD_ZONES.get(0).temp()), source.orElseThrow().files());
    }

    @Test
    void boardSensorsAloneWithoutZone0AreNeverUsed() {
        assertEquals("none", chosen(BOARD_AND_DISKS, List.of(zone(1, "acpitz"))));
        assertEquals("none", chosen(BOARD_AND_DISKS, List.of()));
        assertTrue(TemperatureChooser.choose(List.of(), List.of()).isEmpty());
    }
}
