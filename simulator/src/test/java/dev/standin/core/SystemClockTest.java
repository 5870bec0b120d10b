package dev.standin.core;

import dev.standin.StandinServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.standin.support.AcceptanceTest.on;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemClockTest {

    @Test
    void inSystemModeDueEventsRunByThemselves() throws InterruptedException {
        // through TestServer, so the contract checks know this server's ports (a port an earlier server's
        // Qolo had, reused for this control API, was held to qolo.yaml: a flaky failure in CI)
        try (StandinServer server = dev.standin.support.TestServer.start("--clock", "system")) {
            on(server, "control").get("/_sim/clock").then().body("mode", equalTo("system"));
            CountDownLatch ran = new CountDownLatch(1);
            server.scheduler().schedule("test", "soon", Duration.ofMillis(100), ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS), "the event should run without an advance");
        }
    }
}
