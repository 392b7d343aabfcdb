package dev.jvmpprof.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.jvmpprof.profile.ProfileName;

/**
 * Generates malformed pprof requests from a seed: every request has at least one fault that must earn a 4xx, and none
 * is valid enough to start a profile.
 */
final class BadRequests {

	static final List<String> BAD_SECONDS = List.of("", "abc", "-1", "0", "00", "-0", "1.5", "0.5", "1e3", "+1",
			"%201", "1%20", "1%00", "%00", "%001", "99999999999999999999", "9223372036854775807",
			"9223372036854775808", "601", "0x10", "%D9%A1", "%EF%BC%91", "NaN", "Infinity", "1s", "30s", "1,2", "%2F",
			"..", "1%0A2", "%FF");

	static final List<String> BAD_DEBUG = List.of("", "3", "9", "-1", "abc", "1.0", "01", "10", "%00", "1%00",
			"99999999999", "true", "yes", "%D9%A1", "%201", "%0A", "%FF", "1,2");

	static final List<String> BAD_GC = List.of("", "2", "9", "-1", "abc", "1.0", "01", "10", "%00", "1%00",
			"99999999999", "true", "yes", "%D9%A1", "%201", "%0A", "%FF", "1,2");

	static final List<String> WRONG_METHODS = List.of("POST", "PUT", "DELETE", "PATCH");

	static final List<String> BAD_ACCEPT = List.of("garbage", "text/html;q=abc", "/", "text/", "a/b/c");

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";

	private final Random random;

	BadRequests(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Returns the next bad request.
	 * @return a request that the endpoint must refuse with a 4xx
	 */
	Request next() {
		return switch (this.random.nextInt(7)) {
			case 0 -> badValue();
			case 1 -> repeatedValue();
			case 2 -> unknownName();
			case 3 -> wrongMethod();
			case 4 -> mixed();
			case 5 -> badHeaders();
			default -> badValueWithOtherParameters();
		};
	}

	private Request badValue() {
		String parameter = pick(List.of("seconds", "debug", "gc"));
		String value = badValue(parameter);
		return new Request("GET", "/" + anyName() + "?" + parameter + "=" + value, "bad " + parameter);
	}

	private Request repeatedValue() {
		String parameter = pick(List.of("seconds", "debug", "gc"));
		String first = "seconds".equals(parameter) ? "1" : "0";
		String second = "seconds".equals(parameter) ? pick(List.of("1", "2", "30")) : pick(List.of("0", "1"));
		return new Request("GET", "/" + anyName() + "?" + parameter + "=" + first + "&" + parameter + "=" + second,
				"repeated " + parameter);
	}

	private Request unknownName() {
		return new Request("GET", "/" + unknown() + optionalValidQuery(), "unknown name");
	}

	private Request wrongMethod() {
		String method = pick(WRONG_METHODS);
		String path = switch (this.random.nextInt(3)) {
			case 0 -> "";
			case 1 -> "/" + anyName();
			default -> "/" + unknown();
		};
		if ("POST".equals(method) && path.equals("/" + ProfileName.SYMBOL.value())) {
			// Go's client looks symbols up with a POST: that one is valid.
			method = "PUT";
		}
		return new Request(method, path + optionalValidQuery(), "method " + method);
	}

	private Request mixed() {
		String method = this.random.nextInt(3) == 0 ? pick(WRONG_METHODS) : "GET";
		String name = this.random.nextBoolean() ? anyName() : unknown();
		if ("POST".equals(method) && ProfileName.SYMBOL.value().equals(name)) {
			method = "PUT";
		}
		StringBuilder query = new StringBuilder();
		int parameters = 1 + this.random.nextInt(3);
		for (int i = 0; i < parameters; i++) {
			String parameter = pick(List.of("seconds", "debug", "gc"));
			query.append(i == 0 ? "?" : "&").append(parameter).append('=').append(badValue(parameter));
		}
		return new Request(method, "/" + name + query, "mixed");
	}

	private Request badValueWithOtherParameters() {
		// A valid seconds next to a bad debug or gc: parsing must refuse before any window starts.
		String parameter = pick(List.of("debug", "gc"));
		return new Request("GET", "/" + anyName() + "?seconds=1&" + parameter + "=" + badValue(parameter)
				+ (this.random.nextBoolean() ? "&foo=bar" : ""), "bad " + parameter + " after seconds");
	}

	private String badValue(String parameter) {
		return switch (parameter) {
			case "seconds" -> pick(BAD_SECONDS);
			case "debug" -> pick(BAD_DEBUG);
			default -> pick(BAD_GC);
		};
	}

	private Request badHeaders() {
		// Only names whose profile is instant, should a header not be refused after all.
		String name = pick(List.of("", "/cmdline", "/symbol", "/goroutine", "/threads?debug=1", "/threadcreate"));
		List<String> unreadable = new ArrayList<>(BAD_ACCEPT);
		if (name.isEmpty()) {
			unreadable.addAll(List.of("image/png", "text/plain", "application/xml"));
		}
		return new Request("GET", name, "Accept", List.of("Accept", pick(unreadable)));
	}

	private String optionalValidQuery() {
		return switch (this.random.nextInt(4)) {
			case 0 -> "?seconds=1";
			case 1 -> "?debug=1";
			case 2 -> "?gc=1&debug=0";
			default -> "";
		};
	}

	private String anyName() {
		return pick(List.of(ProfileName.values())).value();
	}

	private String unknown() {
		String known = anyName();
		return switch (this.random.nextInt(12)) {
			case 0 -> randomWord(1 + this.random.nextInt(20));
			case 1 -> known.toUpperCase();
			case 2 -> known + pick(List.of(".pb.gz", ".txt", "-delta", "%20", "%00", "..", "%2E%2E"));
			case 3 -> pick(List.of("..", "...", "%2E%2E")) + known;
			case 4 -> known + "%2F" + pick(List.of("", "..", "x", known));
			case 5 -> "..%2F" + pick(List.of("", "..%2F")) + pick(List.of("etc%2Fpasswd", "health", "env", known));
			// Up to 3500 characters: longer request lines are refused by the server before any filter runs.
			case 6 -> randomWord(1000 + this.random.nextInt(2500));
			case 7 -> known + "%00" + randomWord(3);
			case 8 -> pick(List.of("%C3%A9", "%E2%80%AE", "%F0%9F%94%A5", "%FF%FE")) + known;
			case 9 -> known + "/" + pick(List.of("x", known, "..x", "debug"));
			case 10 -> "a..b" + randomWord(2);
			default -> "%2F" + known;
		};
	}

	private String randomWord(int length) {
		StringBuilder word = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			word.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		String value = word.toString();
		// "." and ".." as whole segments are resolved by the server before routing, as RFC 3986 asks.
		return (value.equals(".") || value.equals("..") || ProfileName.find(value).isPresent()) ? value + "x"
				: value;
	}

	private <T> T pick(List<T> choices) {
		return choices.get(this.random.nextInt(choices.size()));
	}

	/**
	 * Returns every bad value once, for each kind of fault, as a fixed list that reads well in a failure.
	 * @return the requests
	 */
	static List<Request> catalogue() {
		List<Request> requests = new ArrayList<>();
		for (String value : BAD_SECONDS) {
			requests.add(new Request("GET", "/heap?seconds=" + value, "bad seconds"));
			requests.add(new Request("GET", "/profile?seconds=" + value, "bad seconds"));
		}
		for (String value : BAD_DEBUG) {
			requests.add(new Request("GET", "/goroutine?debug=" + value, "bad debug"));
		}
		for (String value : BAD_GC) {
			requests.add(new Request("GET", "/heap?gc=" + value, "bad gc"));
		}
		for (String method : WRONG_METHODS) {
			requests.add(new Request(method, "", "method " + method));
			requests.add(new Request(method, "/profile?seconds=1", "method " + method));
			requests.add(new Request(method, "/nosuch", "method " + method));
		}
		requests.addAll(List.of(new Request("GET", "/profile?seconds=1&seconds=2", "repeated seconds"),
				new Request("GET", "/heap?debug=1&debug=1", "repeated debug"),
				new Request("GET", "/nosuch", "unknown name"), new Request("GET", "/..heap", "dots"),
				new Request("GET", "/heap..", "dots"), new Request("GET", "/%2E%2E", "encoded dots"),
				new Request("GET", "/..%2F..%2Fetc%2Fpasswd", "encoded slash"),
				new Request("GET", "/cmdline%2F", "encoded slash"), new Request("GET", "/%2Fcmdline", "encoded slash"),
				new Request("GET", "/cmdline/x", "deeper path"), new Request("GET", "/a/b/c", "deeper path"),
				new Request("GET", "/cmd%00line", "NUL in name"), new Request("GET", "/" + "x".repeat(3500), "long"),
				new Request("GET", "/PROFILE", "case")));
		for (String accept : BAD_ACCEPT) {
			requests.add(new Request("GET", "/cmdline", "Accept", List.of("Accept", accept)));
		}
		for (String accept : List.of("image/png", "text/plain", "application/xml")) {
			requests.add(new Request("GET", "", "Accept", List.of("Accept", accept)));
		}

		return requests;
	}

	/**
	 * One request under the endpoint.
	 *
	 * @param method the HTTP method
	 * @param path the path and query after the endpoint's path, {@code ""} for the index
	 * @param fault what is wrong with it
	 * @param headers header names and values to send
	 */
	record Request(String method, String path, String fault, List<String> headers) {

		Request(String method, String path, String fault) {
			this(method, path, fault, List.of());
		}

		@Override
		public String toString() {
			return this.method + " " + ((this.path.length() > 80) ? this.path.substring(0, 80) + "..." : this.path)
					+ " (" + this.fault + ")";
		}

	}

}
