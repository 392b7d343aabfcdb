package dev.jvmpprof.actuate;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A {@link org.springframework.boot.diagnostics.FailureAnalyzer FailureAnalyzer} for an
 * {@link InvalidPprofPropertyException}: the property, the value as written and where, and what it takes.
 */
class InvalidPprofPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPprofPropertyException> {

	private final Environment environment;

	InvalidPprofPropertyFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPprofPropertyException cause) {
		ConfigurationProperty written = find(cause.getProperty());
		// The value as written ("0ms"), which the bound one ("PT0S") may not read like.
		Object value = (written != null) ? written.getValue() : cause.getValue();
		String origin = (written != null && written.getOrigin() != null) ? " (from " + written.getOrigin() + ")" : "";
		String description = "Invalid value '" + value + "' for " + cause.getProperty() + origin + ": it must be "
				+ cause.getAllowed() + ".";
		String action = "Set " + cause.getProperty() + " to " + cause.getAllowed()
				+ ", or remove it to use the default.";
		return new FailureAnalysis(description, action, cause);
	}

	private ConfigurationProperty find(String name) {
		if (this.environment == null) {
			return null;
		}
		ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(key);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

}
