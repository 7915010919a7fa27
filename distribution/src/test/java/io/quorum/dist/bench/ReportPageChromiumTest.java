package io.quorum.dist.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quorum.peer.election.ElectionRegistry;
import io.quorum.transport.sim.Simulation;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html rendered by a real browser: headless Chromium loads the page from disk and takes a
 * screenshot, which must be a real picture (not blank, not one colour). Skipped, saying why, when
 * no Chromium is installed; .ci/run installs it.
 */
class ReportPageChromiumTest {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

    @TempDir
    Path dir;

    @Test
    void thePageIsSelfContained() {
        String html = ReportPage.html(withTimeline(BenchFixtures.results()));

        // The only URL is SVG's namespace name, which is never fetched.
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:")
                .doesNotContain("<script").doesNotContain("<link");
        assertThat(html).contains("<svg", "Ratios to zookeeper-3.9.5:3", "quorum:3: cold start", "cold-start, 3 peers");
    }

    @Test
    void rendersInHeadlessChromium() throws IOException, InterruptedException {
        Optional<String> browser = BROWSERS.stream().filter(ReportPageChromiumTest::onPath).findFirst();
        assumeTrue(browser.isPresent(), "no chromium on the PATH (apt-get install -y chromium); .ci/run installs it");
        Path page = dir.resolve("report.html");
        ReportPage.write(withTimeline(BenchFixtures.results()), page);
        Path png = dir.resolve("report.png");

        Process chromium = new ProcessBuilder(browser.get(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1100,1600", "--screenshot=" + png, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        } finally {
            chromium.destroyForcibly().waitFor();
        }

        assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).isRegularFile();
        assertThat(Files.size(png)).isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1100);
        Set<Integer> colours = new HashSet<>();
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 300) {
                    dark++;
                }
            }
        }
        // Text, tables, boxes in eight colours, arrows: far from a blank or one-colour page.
        assertThat(colours.size()).isGreaterThan(50);
        assertThat(dark).isGreaterThan(1_000);
    }

    /** The fixture results with a real simulated cold start of algorithm 3 for the timeline. */
    private static BenchResults withTimeline(BenchResults results) {
        var provider = ElectionRegistry.fromClassLoader(ReportPageChromiumTest.class.getClassLoader()).select("3");
        Map<String, String> timelines = new LinkedHashMap<>();
        timelines.put("quorum:3", Simulation.run(provider, SimTrial.options(provider, Scenario.COLD_START, 3, 1, true))
                .traceText());
        return new BenchResults(results.settings(), results.machine(), new ArrayList<>(results.trials()), timelines);
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, name))) {
                return true;
            }
        }
        return false;
    }
}
