package dev.standin.core;

import dev.standin.StandinServer;
import dev.standin.Options;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.standin.support.AcceptanceTest.on;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemClockTest {

    @Test
    void inSystemModeDueEventsRunByThemselves() throws InterruptedException {
        try (StandinServer server = StandinServer.start(Options.parse(new String[]{"--host", "127.0.0.1",
                "--port-control", "0", "--port-velo", "0"}, Map.of()))) {
            on(server, "control").get("/_sim/clock").then().body("mode", equalTo("system"));
            CountDownLatch ran = new CountDownLatch(1);
            server.scheduler().schedule("test", "soon", Duration.ofMillis(100), ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS), "the event should run without an advance");
        }
    }
}
