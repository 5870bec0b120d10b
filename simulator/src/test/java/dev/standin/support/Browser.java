package dev.standin.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.util.function.BooleanSupplier;

/**
 * Headless Chromium for the tests that look at pages as people do (Debian's chromium and
 * chromium-driver; .ci/run installs them). Without them the test is skipped, saying why.
 */
public final class Browser {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    private Browser() {
    }

    /** A new headless browser (quit it when done); skips the calling test when there is none. */
    public static WebDriver open() {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
                "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver): the browser test was not run");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-dev-shm-usage", "--disable-gpu");
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build(), options);
    }

    /** What a browser test does with its browser. */
    public interface Session {
        void run(WebDriver browser) throws Exception;
    }

    /**
     * Runs {@code session} in a new headless browser, saving a screenshot and the page's HTML to
     * {@code target/screenshots/<name>.png|.html} when it fails, and quitting the browser either way.
     */
    public static void session(String name, Session session) throws Exception {
        WebDriver browser = open();
        try {
            session.run(browser);
        } catch (Throwable failure) {
            try {
                java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
                java.nio.file.Files.createDirectories(dir);
                byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
                java.nio.file.Files.write(dir.resolve(name + ".png"), png);
                java.nio.file.Files.writeString(dir.resolve(name + ".html"), browser.getPageSource());
                failure.addSuppressed(new Exception("screenshot saved to " + dir.resolve(name + ".png").toAbsolutePath()));
            } catch (Exception | Error screenshotFailed) {
                failure.addSuppressed(screenshotFailed);
            }
            throw failure;
        } finally {
            browser.quit();
        }
    }

    /** Waits (15 s at most) for what a click set going: a click does not wait for the page it leads to. */
    public static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the browser did not get there in 15 s");
            }
            Thread.sleep(20);
        }
    }
}
