package dev.jvmpprof.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A ratio with its spread: the median of paired measurements with their lowest and highest, or a ratio of two
 * means with the bounds of their confidence intervals.
 *
 * @param value the ratio
 * @param low the lowest it was seen or could be
 * @param high the highest it was seen or could be
 */
public record Ratio(double value, double low, double high) {

	/**
	 * Returns the median of paired ratios, with the lowest and the highest pair.
	 * @param ratios one ratio per pair of runs
	 * @return the ratio
	 */
	public static Ratio ofPairs(List<Double> ratios) {
		List<Double> sorted = new ArrayList<>(ratios);
		Collections.sort(sorted);
		return new Ratio(median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
	}

	/**
	 * Returns {@code numerator / denominator} of two means, with the bounds their errors allow.
	 * @param numerator the numerator's mean
	 * @param numeratorError the half-width of its confidence interval
	 * @param denominator the denominator's mean
	 * @param denominatorError the half-width of its confidence interval
	 * @return the ratio
	 */
	public static Ratio ofMeans(double numerator, double numeratorError, double denominator, double denominatorError) {
		double error = (Double.isNaN(numeratorError) ? 0 : numeratorError);
		double otherError = (Double.isNaN(denominatorError) ? 0 : denominatorError);
		return new Ratio(numerator / denominator, (numerator - error) / (denominator + otherError),
				(numerator + error) / Math.max(denominator - otherError, Double.MIN_VALUE));
	}

	/**
	 * Returns the median of {@code values}.
	 * @param values the values, in any order
	 * @return the median
	 */
	public static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s (%s–%s)", format(this.value), format(this.low), format(this.high));
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, (Math.abs(value) >= 10) ? "%.1f" : "%.2f", value);
	}

}
