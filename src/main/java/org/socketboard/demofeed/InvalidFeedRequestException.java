package org.socketboard.demofeed;

/**
 * A client asked a feed for something it cannot serve. The message is shown to the client (as a close
 * reason or an error message), so it names the parameter, the value and what would be accepted.
 */
class InvalidFeedRequestException extends RuntimeException {

    InvalidFeedRequestException(String message) {
        super(message);
    }
}
