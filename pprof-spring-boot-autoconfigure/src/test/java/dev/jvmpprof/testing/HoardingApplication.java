package dev.jvmpprof.testing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@link TestApplication} with routes that keep and churn memory through {@link HeapHoard}, and a hoard it keeps
 * from startup ({@code hoard.at-startup} mebibytes in 64 KiB chunks, as a cache warmed then): a service whose heap is
 * known, for tests that run it in a JVM of its own.
 */
@Import({ HoardingApplication.HoardController.class, HoardingApplication.StartupHoard.class })
public class HoardingApplication extends TestApplication {

	public static void main(String[] args) {
		SpringApplication.run(HoardingApplication.class, args);
	}

	@RestController
	static class HoardController {

		private HeapHoard hoard;

		@GetMapping("/hoard/keep")
		synchronized String keep(@RequestParam("mebibytes") int mebibytes, @RequestParam("chunk") int chunk) {
			this.hoard = HeapHoard.keep(mebibytes, chunk);
			return "kept\n";
		}

		@GetMapping("/hoard/churn")
		String churn(@RequestParam("mebibytes") long mebibytes) {
			HeapHoard.churn(mebibytes << 20);
			return "churned\n";
		}

	}

	static class StartupHoard {

		private final HeapHoard hoard;

		StartupHoard(@Value("${hoard.at-startup:0}") int mebibytes) {
			this.hoard = (mebibytes > 0) ? HeapHoard.keep(mebibytes, 64 * 1024) : null;
		}

	}

}
