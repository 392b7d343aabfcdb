package dev.jvmpprof.cmdline;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileResponse;
import dev.jvmpprof.profile.ProfileSource;

/**
 * The JVM's command line: the launcher, JVM flags, main class or jar, and program arguments, with the values of
 * secret-looking keys masked the way Spring Boot's sanitizer masks them.
 */
public final class CommandLine implements ProfileSource {

	static final String MASK = "******";

	// The same words Spring Boot's Sanitizer treats as secret, plus a few common spellings.
	private static final Pattern SECRET_KEY = Pattern.compile(
			".*(password|passwd|pwd|secret|token|key|credential|vcap_services|private|auth|signature).*",
			Pattern.CASE_INSENSITIVE);

	private final List<String> arguments;

	/**
	 * Creates the command line of {@code arguments}, masked.
	 * @param arguments the unmasked arguments, launcher first
	 */
	public CommandLine(List<String> arguments) {
		this.arguments = mask(arguments);
	}

	/**
	 * Reads the command line of the running JVM.
	 * @return the masked command line
	 */
	public static CommandLine current() {
		ProcessHandle.Info info = ProcessHandle.current().info();
		Optional<String[]> processArguments = info.arguments();
		List<String> arguments = new ArrayList<>();
		arguments.add(info.command().orElse("java"));
		if (processArguments.isPresent()) {
			arguments.addAll(List.of(processArguments.get()));
		}
		else {
			// Where the OS does not tell, the JVM still knows its flags and its main command.
			arguments.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
			String command = System.getProperty("sun.java.command", "");
			if (!command.isEmpty()) {
				arguments.addAll(List.of(command.split(" ")));
			}
		}
		return new CommandLine(arguments);
	}

	@Override
	public ProfileName name() {
		return ProfileName.CMDLINE;
	}

	@Override
	public ProfileResponse take(ProfileRequest request) {
		return ProfileResponse.text(toString());
	}

	/**
	 * Returns the masked arguments.
	 * @return the arguments, launcher first
	 */
	public List<String> arguments() {
		return this.arguments;
	}

	/**
	 * Returns the program's short name: the main jar's file name or the main class's simple name.
	 * @return the program name, used as the profile's mapping file
	 */
	public static String programName() {
		String command = System.getProperty("sun.java.command", "").trim();
		if (command.isEmpty()) {
			return "java";
		}
		String main = command.split(" ")[0];
		if (main.endsWith(".jar")) {
			return main.substring(main.lastIndexOf('/') + 1);
		}
		return main.substring(main.lastIndexOf('.') + 1);
	}

	/**
	 * Returns the arguments joined by NUL bytes, as Go's {@code cmdline} answers.
	 * @return the command line text
	 */
	@Override
	public String toString() {
		return String.join("\0", this.arguments);
	}

	private static List<String> mask(List<String> arguments) {
		List<String> masked = new ArrayList<>(arguments.size());
		boolean maskNext = false;
		for (String argument : arguments) {
			if (maskNext) {
				masked.add(MASK);
				maskNext = false;
				continue;
			}
			int equals = argument.indexOf('=');
			if (equals > 0 && isSecret(argument.substring(0, equals))) {
				masked.add(argument.substring(0, equals + 1) + MASK);
			}
			else {
				masked.add(argument);
				// "--password s3cret": the value is the next argument.
				maskNext = equals < 0 && argument.startsWith("--") && isSecret(argument);
			}
		}
		return List.copyOf(masked);
	}

	private static boolean isSecret(String key) {
		return SECRET_KEY.matcher(key).matches();
	}

}
