package io.flume.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Measured values by case, in the order the cases were first added, with median and spread. */
public final class Samples {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    public void add(String caseName, double value) {
        values.computeIfAbsent(caseName, name -> new ArrayList<>()).add(value);
    }

    public List<String> cases() {
        return List.copyOf(values.keySet());
    }

    public List<Double> values(String caseName) {
        return values.getOrDefault(caseName, List.of());
    }

    public double median(String caseName) {
        return median(values(caseName));
    }

    public static double median(List<Double> list) {
        if (list.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(list);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Returns {@code min–max} of a case's values. */
    public String spread(String caseName, String format) {
        List<Double> list = values(caseName);
        if (list.isEmpty()) {
            return "";
        }
        return format(format, Collections.min(list)) + "–" + format(format, Collections.max(list));
    }

    /** Returns the median of the per-round ratios {@code numerator[i] / denominator[i]}. */
    public double ratio(String numerator, String denominator) {
        List<Double> top = values(numerator);
        List<Double> bottom = values(denominator);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(top.size(), bottom.size()); i++) {
            ratios.add(top.get(i) / bottom.get(i));
        }
        return median(ratios);
    }

    public static String format(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
