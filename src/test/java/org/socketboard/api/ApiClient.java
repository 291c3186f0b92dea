package org.socketboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.UncheckedIOException;

/**
 * Calls the running test server's API with JSON text, as a provisioning script would: signed in with
 * HTTP Basic as the first-start admin ({@code admin}/{@code admin}) unless given other credentials.
 */
final class ApiClient {

    static final String ADMIN = "admin";

    private final TestRestTemplate rest;
    private final ObjectMapper json = new ObjectMapper();

    ApiClient(TestRestTemplate rest) {
        this(rest, ADMIN, ADMIN);
    }

    /** Signed in as {@code username}; a null username calls anonymously. */
    ApiClient(TestRestTemplate rest, String username, String password) {
        this.rest = username == null ? rest : rest.withBasicAuth(username, password);
    }

    ResponseEntity<String> get(String path) {
        return rest.getForEntity(path, String.class);
    }

    ResponseEntity<String> put(String path, String body) {
        return rest.exchange(path, HttpMethod.PUT, jsonBody(body), String.class);
    }

    ResponseEntity<String> post(String path, String body) {
        return rest.exchange(path, HttpMethod.POST, jsonBody(body), String.class);
    }

    ResponseEntity<String> delete(String path) {
        return rest.exchange(path, HttpMethod.DELETE, null, String.class);
    }

    JsonNode tree(ResponseEntity<String> response) {
        return tree(response.getBody());
    }

    JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpEntity<String> jsonBody(String body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
