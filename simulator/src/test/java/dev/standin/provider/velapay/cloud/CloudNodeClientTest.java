package dev.standin.provider.velapay.cloud;

import dev.standin.StandinServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The document's own Node.js Cloud client (src/test/resources/velapay-cloud/client.js, copied from
 * the document unchanged) run against Standin with only its default baseUrl pointed here. Its example
 * card expires 12/25 and it signs with the real time, so it runs under faketime at the document's
 * date, which is also the virtual clock's. Skipped, saying why, without node or faketime.
 */
class CloudNodeClientTest {

    @Test
    void theDocumentsNodeClientProcessesItsSaleAndTokenisesTheCard() throws Exception {
        Assumptions.assumeTrue(works("node", "--version"), "node is not installed: the document's Node client was not run (.ci/run installs nodejs)");
        Assumptions.assumeTrue(works("faketime", "--version"), "faketime is not installed: the document's Node client was not run (.ci/run installs faketime)");
        StandinServer server = CloudApi.server();
        given().port(server.port("control")).queryParam("provider", "velapayCloud").post("/_sim/reset").then().statusCode(200);
        Path dir = Files.createTempDirectory("velapay-cloud-node");
        String client;
        try (InputStream in = getClass().getResourceAsStream("/velapay-cloud/client.js")) {
            client = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(client.contains("'https://api.velapay.net/v1/'"), "the document's client, with its default baseUrl");
        Files.writeString(dir.resolve("client.js"),
                client.replace("'https://api.velapay.net/v1/'", "'http://127.0.0.1:" + server.port("velapayCloud") + "/v1/'"));
        installNodeFetch(dir);
        ProcessBuilder run = new ProcessBuilder("faketime", "2025-10-21 19:05:20", "node", "client.js").directory(dir.toFile())
                .redirectErrorStream(true);
        run.environment().put("TZ", "UTC");
        Process node = run.start();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the client finishes");
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("the document's Node client printed:\n" + out);
        assertEquals(0, node.exitValue(), out);
        assertTrue(out.contains("Payment approved!"), out);
        assertTrue(out.matches("(?s).*Reference Number: \\d{6}[A-Z0-9]{3}-[0-9A-F-]{36}\\n.*"), out);
        assertTrue(out.matches("(?s).*Auth Code: \\d{6}\\n.*"), out);
        assertTrue(out.matches("(?s).*Card tokenized: 4\\d{11}1111\\n.*"), out);
        given().port(server.port("control")).queryParam("type", "sale").get("/_sim/velapay-cloud/transactions").then()
                .body("transactions[0].amount", equalTo("125.00")).body("transactions[0].merchantId", equalTo("cloud-merchant-1"));
    }

    /** node-fetch 2 (the client's require) from npm; without npm or network, a module giving Node's own fetch (the same call). */
    private static void installNodeFetch(Path dir) throws IOException, InterruptedException {
        if (works(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--silent", "node-fetch@2"), 180)) {
            return;
        }
        Path module = Files.createDirectories(dir.resolve("node_modules/node-fetch"));
        Files.writeString(module.resolve("index.js"), "module.exports = (...args) => globalThis.fetch(...args);\n");
        System.out.println("npm could not install node-fetch@2: the client ran with Node's built-in fetch behind require('node-fetch')");
    }

    private static boolean works(String... command) {
        try {
            return works(Path.of("."), List.of(command), 30);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean works(Path dir, List<String> command, int seconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return false;
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
