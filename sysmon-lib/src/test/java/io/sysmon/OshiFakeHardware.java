package io.sysmon;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Supplier;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.Sensors;

/**
 * Stand-ins for OSHI's hardware interfaces, built as JDK proxies: each answers only the methods a test scripts
 * and throws on every other call, so a test notices if the sampler starts depending on something new.
 */
final class OshiFakeHardware {

    private OshiFakeHardware() {
    }

    static CentralProcessor processor(Supplier<long[]> ticks, Supplier<long[]> currentFreqHz) {
        return proxy(CentralProcessor.class,
                Map.of("getSystemCpuLoadTicks", ticks, "getCurrentFreq", currentFreqHz));
    }

    static GlobalMemory memory(long totalBytes, long availableBytes) {
        return proxy(GlobalMemory.class, Map.of("getTotal", () -> totalBytes, "getAvailable", () -> availableBytes));
    }

    static Sensors sensors(double cpuTemperature, int... fanRpm) {
        return proxy(Sensors.class,
                Map.of("getCpuTemperature", () -> cpuTemperature, "getFanSpeeds", () -> fanRpm.clone()));
    }

    /** Every method throws, the way OSHI can on a platform it half supports. */
    static <T> T failing(Class<T> type) {
        return proxy(type, Map.of());
    }

    private static <T> T proxy(Class<T> type, Map<String, Supplier<?>> answers) {
        Object instance = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "fake " + type.getSimpleName();
                        case "hashCode":
                            return System.identityHashCode(self);
                        case "equals":
                            return self == args[0];
                        default:
                            Supplier<?> answer = answers.get(method.getName());
                            if (answer == null) {
                                throw new IllegalStateException("simulated OSHI failure in " + method.getName());
                            }
                            return answer.get();
                    }
                });
        return type.cast(instance);
    }
}
