package dev.jvmpprof.symbol;

import java.io.IOException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * Go's {@code symbol} handler. Our profiles carry function names, files and lines in every location and say so in
 * their mapping, so {@code go tool pprof} never needs to look an address up: the table is there for clients that
 * probe it, and knows no addresses.
 */
public final class SymbolSource implements ProfileSource {

	/**
	 * Go's answer to every symbol request, before the symbols of any addresses it knows: pprof only asks whether
	 * the number is 0.
	 */
	public static final String TABLE = "num_symbols: 1\n";

	@Override
	public ProfileName name() {
		return ProfileName.SYMBOL;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output) throws IOException {
		output.text(TABLE);
	}

}
