package dev.jvmpprof.cmdline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in command-line arguments: the values of secret-looking keys, as Spring Boot's sanitizer masks
 * properties, and the secrets inside other values, such as the password of a URL's user info or of a JDBC URL.
 */
final class SecretMask {

	static final String MASK = "******";

	// Spring Boot's sanitizer's keys (password, secret, key, token, credentials, vcap_services, vcap.services,
	// spring.application.json) and a few common spellings; matched anywhere in a key, ignoring case.
	private static final String SECRET_WORDS = "password|passwd|pwd|secret|token|key|credential|vcap[._]services"
			+ "|spring[._]application[._]json|private|auth|signature";

	private static final Pattern SECRET_KEY = Pattern.compile(".*(" + SECRET_WORDS + ").*", Pattern.CASE_INSENSITIVE);

	// scheme://user:password@host, as in Spring Boot's URI sanitizing, anywhere in a value.
	private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/:@\\s]*):([^@/\\s]+)@");

	// key=value inside a value: a URL's query (?password=...&), a JDBC property list (;password=...;).
	private static final Pattern INNER_PAIR = Pattern.compile(
			"(^|[?&;,\\s{(])([A-Za-z0-9_.-]*(?:" + SECRET_WORDS + ")[A-Za-z0-9_.-]*)=([^&;,\\s})]*)",
			Pattern.CASE_INSENSITIVE);

	// "key": "value" inside JSON, such as a SPRING_APPLICATION_JSON given under another name.
	private static final Pattern JSON_PAIR = Pattern.compile(
			"(\"[^\"]*(?:" + SECRET_WORDS + ")[^\"]*\"\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"", Pattern.CASE_INSENSITIVE);

	// Oracle's thin driver puts user/password before the host: jdbc:oracle:thin:scott/tiger@host.
	private static final Pattern ORACLE_USER_PASSWORD = Pattern.compile("(jdbc:oracle:[a-z]+:[^/@:\\s]+)/([^@\\s]+)@",
			Pattern.CASE_INSENSITIVE);

	private SecretMask() {
	}

	/**
	 * Masks the secrets in {@code arguments}.
	 * @param arguments the arguments, launcher first
	 * @return the masked arguments
	 */
	static List<String> mask(List<String> arguments) {
		List<String> masked = new ArrayList<>(arguments.size());
		boolean maskNext = false;
		for (String argument : arguments) {
			if (maskNext) {
				masked.add(MASK);
				maskNext = false;
				continue;
			}
			int equals = argument.indexOf('=');
			if (equals > 0 && isSecretKey(argument.substring(0, equals))) {
				masked.add(argument.substring(0, equals + 1) + MASK);
			}
			else {
				masked.add(maskInside(argument));
				// "--password s3cret": the value is the next argument.
				maskNext = equals < 0 && argument.startsWith("--") && isSecretKey(argument);
			}
		}
		return List.copyOf(masked);
	}

	/**
	 * Returns whether a key's value is a secret.
	 * @param key the key, such as {@code -Ddb.password} or {@code --spring.application.json}
	 * @return whether its value must be masked
	 */
	static boolean isSecretKey(String key) {
		return SECRET_KEY.matcher(key).matches();
	}

	private static String maskInside(String value) {
		String masked = USER_INFO.matcher(value).replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + ":" + MASK + "@"));
		masked = ORACLE_USER_PASSWORD.matcher(masked)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + "/" + MASK + "@"));
		masked = INNER_PAIR.matcher(masked)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + match.group(2) + "=" + MASK));
		return JSON_PAIR.matcher(masked)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + "\"" + MASK + "\""));
	}

}
