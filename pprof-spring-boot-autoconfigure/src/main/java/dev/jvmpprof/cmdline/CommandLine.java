package dev.jvmpprof.cmdline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * The JVM's command line: the launcher, JVM flags, main class or jar, and program arguments, with their
 * secrets masked by {@link SecretMask}.
 */
public final class CommandLine implements ProfileSource {

	private final List<String> arguments;

	/**
	 * Creates the command line of {@code arguments}, masked.
	 * @param arguments the unmasked arguments, launcher first
	 */
	public CommandLine(List<String> arguments) {
		this.arguments = SecretMask.mask(arguments);
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
	public void take(ProfileRequest request, ProfileOutput output) throws IOException {
		output.text(toString());
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

}
