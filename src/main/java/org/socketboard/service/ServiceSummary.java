package org.socketboard.service;

import org.socketboard.upstream.domain.Protocol;

import java.time.Instant;

/**
 * One row of the services list.
 *
 * @param lastTestSucceeded null while never tested
 * @param variableCount     how many variables use the service
 */
public record ServiceSummary(String name, String url, Protocol protocol, Boolean lastTestSucceeded, String lastTestOutcome,
                             Instant lastTestedAt, boolean testSkipped, int variableCount) {
}
