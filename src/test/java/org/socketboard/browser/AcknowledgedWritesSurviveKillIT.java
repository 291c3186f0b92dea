package org.socketboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An acknowledged write survives {@code kill -9}: the production jar on an H2 file takes concurrent
 * REST PUTs of services and variables, is killed with SIGKILL as soon as a batch of them has been
 * answered 2xx (more still in flight), and is started again on the same data directory, where every
 * definition that was answered 2xx must be there. Several rounds on one database. Needs no browser.
 */
class AcknowledgedWritesSurviveKillIT {

    private static final int ROUNDS = 5;
    private static final int WRITERS = 10;
    /** Acknowledged writes per round before the kill; the writers keep going until the process dies. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;
    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void everyDefinitionAnswered2xxIsThereAfterTheProcessIsKilled() throws Exception {
        Path home = Files.createTempDirectory("socketboard-kill");
        Set<String> acknowledgedServices = ConcurrentHashMap.newKeySet();
        Set<String> acknowledgedVariables = ConcurrentHashMap.newKeySet();
        Queue<String> refusals = new ConcurrentLinkedQueue<>();

        for (int round = 1; round <= ROUNDS; round++) {
            try (RunningApp app = RunningApp.startIn(home, "--socketboard.demo.enabled=false")) {
                assertAllThere(app, acknowledgedServices, acknowledgedVariables, round);
                String service = "base-" + round;
                assertThat(put(app, "/api/services/" + service, service(service, app.port())).statusCode()).isEqualTo(201);
                acknowledgedServices.add(service);

                int before = acknowledgedServices.size() + acknowledgedVariables.size();
                AtomicBoolean killed = new AtomicBoolean();
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                for (int writer = 0; writer < WRITERS; writer++) {
                    String prefix = "r" + round + "-w" + writer + "-";
                    boolean variables = writer % 2 == 1;
                    writers.submit(() -> write(app, prefix, variables, service, killed,
                            variables ? acknowledgedVariables : acknowledgedServices, refusals));
                }
                await().atMost(Duration.ofMinutes(5)).until(() ->
                        acknowledgedServices.size() + acknowledgedVariables.size() - before >= ACKNOWLEDGED_BEFORE_KILL);
                killed.set(true);
                app.kill();
                writers.shutdown();
                assertThat(writers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
                assertThat(refusals).as("writes answered other than 2xx").isEmpty();
            }
        }
        try (RunningApp app = RunningApp.startIn(home, "--socketboard.demo.enabled=false")) {
            assertAllThere(app, acknowledgedServices, acknowledgedVariables, ROUNDS + 1);
        }
        int acknowledged = acknowledgedServices.size() + acknowledgedVariables.size();
        assertThat(acknowledged).isGreaterThanOrEqualTo(ROUNDS * (ACKNOWLEDGED_BEFORE_KILL + 1));
        System.out.printf("%d acknowledged definitions over %d kills: all found after each restart%n", acknowledged, ROUNDS);
    }

    /** PUTs new definitions one after another until the process is gone; records those answered 2xx. */
    private void write(RunningApp app, String prefix, boolean variables, String service, AtomicBoolean killed,
                       Set<String> acknowledged, Queue<String> refusals) {
        for (int i = 0; !killed.get(); i++) {
            String name = prefix + i;
            try {
                HttpResponse<String> answer = variables
                        ? put(app, "/api/variables/" + name, variable(name, service))
                        : put(app, "/api/services/" + name, service(name, app.port()));
                if (answer.statusCode() / 100 == 2) {
                    acknowledged.add(name);
                } else {
                    refusals.add("PUT " + name + " answered " + answer.statusCode() + ": " + answer.body());
                }
            } catch (IOException goneWithTheProcess) {
                return; // not answered, so not promised
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void assertAllThere(RunningApp app, Set<String> services, Set<String> variables, int start)
            throws IOException, InterruptedException {
        assertThat(names(app, "/api/services")).as("acknowledged services after start %d:\n%s", start, app.log())
                .containsAll(services);
        assertThat(names(app, "/api/variables")).as("acknowledged variables after start %d", start)
                .containsAll(variables);
    }

    private Set<String> names(RunningApp app, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Authorization", AUTHORIZATION).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Set<String> names = new HashSet<>();
        for (JsonNode definition : json.readTree(answer.body())) {
            names.add(definition.get("name").asText());
        }
        return names;
    }

    private HttpResponse<String> put(RunningApp app, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String service(String name, int port) {
        return """
                {"name": "%s", "url": "ws://localhost:%d/feeds/ticker", "description": "Ticks",
                 "sampleResponse": "{\\"symbol\\": \\"ACME\\", \\"price\\": 101.5}"}
                """.formatted(name, port);
    }

    private static String variable(String name, String service) {
        return """
                {"name": "%s", "service": "%s", "scope": "APPLICATION", "connectOnLoad": false,
                 "strategy": "ADD_LAST", "dataLimit": 50}
                """.formatted(name, service);
    }
}
